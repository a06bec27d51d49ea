using System.Data.Common;
using Dapper;
using Lookout.Kernel.Modules;
using Lookout.Kernel.Storage;
using Lookout.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lookout.Host.Tests.Architecture;

/// <summary>
/// Every module writes its migrations twice, once per database: run all of them on SQLite and on PostgreSQL and the
/// two schemas must have the same tables, the same columns of the same kind and nullability, the same primary keys
/// and the same indexes. A migration added for one database only, or a column typed differently, fails here.
/// </summary>
public sealed class SchemaParityTests
{
    /// <summary>
    /// Tables that differ on purpose: on PostgreSQL Orleans' own ADO.NET providers keep clustering, grain state and
    /// reminders in the tables their contract names; on SQLite, which those providers refuse, the project's own
    /// providers keep grain state and reminders in tables of their own (docs/orleans-postgres.md).
    /// </summary>
    private static readonly HashSet<string> DialectSpecific =
        ["orleansquery", "orleans_membership_version", "orleans_membership", "orleans_storage", "orleans_grain_state", "orleans_reminders"];

    [Fact]
    public async Task The_migrations_of_every_module_build_the_same_schema_on_SQLite_and_PostgreSQL()
    {
        var sqlite = await SchemaAfterEveryMigrationAsync(SqlDialect.Sqlite);
        var postgres = await SchemaAfterEveryMigrationAsync(SqlDialect.PostgreSql);
        Assert.Contains("ws_sites", sqlite.Keys);
        Assert.Contains("ob_messages", postgres.Keys);

        Assert.Empty(Differences(sqlite, postgres));
    }

    [Fact]
    public void The_comparison_names_a_missing_table_a_column_of_another_kind_and_an_index_on_one_side_only()
    {
        var sqlite = new Dictionary<string, TableShape>
        {
            ["notes"] = new(new() { ["id"] = "text not null", ["pinned"] = "integer not null" }, "id", ["notes (pinned)"]),
            ["tags"] = new(new() { ["id"] = "text not null" }, "id", []),
        };
        var postgres = new Dictionary<string, TableShape>
        {
            ["notes"] = new(new() { ["id"] = "text not null", ["pinned"] = "text not null" }, "id", []),
        };

        Assert.Equal(
        [
            "table tags: only on SQLite",
            "column notes.pinned: integer not null on SQLite, text not null on PostgreSQL",
            "index notes (pinned): only on SQLite",
        ], Differences(sqlite, postgres));
    }

    private sealed record TableShape(Dictionary<string, string> Columns, string PrimaryKey, List<string> Indexes);

    private static List<string> Differences(Dictionary<string, TableShape> sqlite, Dictionary<string, TableShape> postgres)
    {
        var differences = new List<string>();
        foreach (var table in sqlite.Keys.Except(postgres.Keys).Order(StringComparer.Ordinal))
        {
            differences.Add($"table {table}: only on SQLite");
        }
        foreach (var table in postgres.Keys.Except(sqlite.Keys).Order(StringComparer.Ordinal))
        {
            differences.Add($"table {table}: only on PostgreSQL");
        }
        foreach (var table in sqlite.Keys.Intersect(postgres.Keys).Order(StringComparer.Ordinal))
        {
            var (s, p) = (sqlite[table], postgres[table]);
            foreach (var column in s.Columns.Keys.Union(p.Columns.Keys).Order(StringComparer.Ordinal))
            {
                var left = s.Columns.GetValueOrDefault(column, "missing");
                var right = p.Columns.GetValueOrDefault(column, "missing");
                if (left != right)
                {
                    differences.Add($"column {table}.{column}: {left} on SQLite, {right} on PostgreSQL");
                }
            }
            if (s.PrimaryKey != p.PrimaryKey)
            {
                differences.Add($"primary key of {table}: ({s.PrimaryKey}) on SQLite, ({p.PrimaryKey}) on PostgreSQL");
            }
            differences.AddRange(s.Indexes.Except(p.Indexes).Order(StringComparer.Ordinal).Select(i => $"index {i}: only on SQLite"));
            differences.AddRange(p.Indexes.Except(s.Indexes).Order(StringComparer.Ordinal).Select(i => $"index {i}: only on PostgreSQL"));
        }
        return differences;
    }

    private static async Task<Dictionary<string, TableShape>> SchemaAfterEveryMigrationAsync(SqlDialect dialect)
    {
        await using var test = await TestDatabase.CreateAsync(dialect);
        await using var database = new LookoutDatabase(dialect, test.ConnectionString);
        var catalog = ModuleCatalog.Discover();
        var sets = catalog.Modules.Select(m => (m.Name, m.Migrations(dialect)))
            .Prepend(("kernel", Migration.FromAssembly(typeof(LookoutDatabase).Assembly, dialect)));
        await new MigrationRunner(database, TimeProvider.System, NullLogger<MigrationRunner>.Instance).ApplyAsync(sets);

        await using var connection = await database.OpenAsync();
        var schema = dialect == SqlDialect.Sqlite ? await SqliteSchemaAsync(connection) : await PostgresSchemaAsync(connection);
        return schema.Where(t => !DialectSpecific.Contains(t.Key)).ToDictionary();
    }

    private static async Task<Dictionary<string, TableShape>> SqliteSchemaAsync(DbConnection connection)
    {
        var schema = new Dictionary<string, TableShape>(StringComparer.Ordinal);
        var tables = await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
        foreach (var table in tables)
        {
            var columns = (await connection.QueryAsync<(long Cid, string Name, string Type, long NotNull, string? Default, long Pk)>(
                $"SELECT cid, name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('{table}')")).ToList();
            var primaryKey = string.Join(", ", columns.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => c.Name));
            // A column of an INTEGER PRIMARY KEY is never null in SQLite even when not declared so, as on PostgreSQL.
            var shape = columns.ToDictionary(c => c.Name, c => $"{Kind(c.Type)}{(c.NotNull == 1 || c.Pk > 0 ? " not null" : "")}", StringComparer.Ordinal);
            var indexes = new List<string>();
            foreach (var (name, unique, origin, partial) in await connection.QueryAsync<(string Name, long Unique, string Origin, long Partial)>(
                $"SELECT name, \"unique\", origin, partial FROM pragma_index_list('{table}')"))
            {
                if (origin == "pk")
                {
                    continue;
                }
                var keys = await connection.QueryAsync<string?>($"SELECT name FROM pragma_index_info('{name}') ORDER BY seqno");
                indexes.Add(Index(table, keys.Select(k => k ?? "(expression)"), unique == 1, partial == 1));
            }
            schema[table] = new TableShape(shape, primaryKey, indexes);
        }
        return schema;
    }

    private static async Task<Dictionary<string, TableShape>> PostgresSchemaAsync(DbConnection connection)
    {
        var schema = new Dictionary<string, TableShape>(StringComparer.Ordinal);
        var columns = await connection.QueryAsync<(string Table, string Column, string Type, string Nullable)>("""
            SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
            WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
            """);
        var indexes = await connection.QueryAsync<(string Table, bool Unique, bool Primary, bool Partial, string[] Keys)>("""
            SELECT t.relname, x.indisunique, x.indisprimary, x.indpred IS NOT NULL,
                   ARRAY(SELECT COALESCE(a.attname, '(expression)')
                         FROM unnest(x.indkey) WITH ORDINALITY AS k(attnum, n)
                         LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum AND k.attnum > 0
                         ORDER BY k.n)
            FROM pg_index x
            JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_namespace s ON s.oid = t.relnamespace
            WHERE s.nspname = current_schema()
            """);
        foreach (var group in columns.GroupBy(c => c.Table))
        {
            var ofTable = indexes.Where(i => i.Table == group.Key).ToList();
            schema[group.Key] = new TableShape(
                group.ToDictionary(c => c.Column, c => $"{Kind(c.Type)}{(c.Nullable == "NO" ? " not null" : "")}", StringComparer.Ordinal),
                ofTable.FirstOrDefault(i => i.Primary).Keys is { } pk ? string.Join(", ", pk) : "",
                ofTable.Where(i => !i.Primary).Select(i => Index(group.Key, i.Keys, i.Unique, i.Partial)).ToList());
        }
        return schema;
    }

    /// <summary>An index as both databases can describe it: its columns in order, unique or not, partial (WHERE) or not.</summary>
    private static string Index(string table, IEnumerable<string> keys, bool unique, bool partial) =>
        $"{(unique ? "unique " : "")}{table} ({string.Join(", ", keys)}){(partial ? " where ..." : "")}";

    /// <summary>What a column holds, whatever each database calls it: SQLite keeps booleans as integers.</summary>
    private static string Kind(string type) => type.ToUpperInvariant() switch
    {
        "TEXT" or "CHARACTER VARYING" or "VARCHAR" => "text",
        "INTEGER" or "INT" or "BIGINT" or "SMALLINT" or "BOOLEAN" => "integer",
        "REAL" or "DOUBLE PRECISION" or "NUMERIC" => "real",
        "BLOB" or "BYTEA" => "binary",
        var other when other.StartsWith("TIMESTAMP", StringComparison.Ordinal) => "timestamp",
        var other => other.ToLowerInvariant(),
    };
}
