using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Lookout.Kernel.Storage;

/// <summary>
/// Many rows through one single-row statement (parameters <c>@p0</c>, <c>@p1</c>, ...): PostgreSQL gets them all in one round trip (a <see cref="DbBatch"/>); SQLite, in process,
/// re-runs one prepared statement with new values bound by position. A multi-row statement would cost SQLite a linear
/// search of its parameter names for every parameter bound: quadratic in the rows per statement.
/// </summary>
public static class RowStatements
{
    /// <summary>Runs <paramref name="sql"/> once per row, inside the caller's transaction; returns how many rows it changed in all.</summary>
    public static async Task<int> ExecuteEachAsync(
        DbConnection connection, DbTransaction transaction, string sql, int parameterCount, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(rows);
        if (connection.CanCreateBatch)
        {
            var batch = connection.CreateBatch();
            await using var disposeBatch = batch.ConfigureAwait(false);
            batch.Transaction = transaction;
            foreach (var values in rows)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = sql;
                for (var i = 0; i < parameterCount; i++)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = Name(i);
                    parameter.Value = values[i] ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                }
                batch.BatchCommands.Add(command);
            }
            return batch.BatchCommands.Count == 0 ? 0 : await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        return connection is SqliteConnection { Handle: { } database }
            ? ExecuteEach(database, sql, parameterCount, rows, cancellationToken)
            : throw new NotSupportedException($"RowStatements needs an open SQLite connection or one that runs batches, not a {connection.GetType()}.");
    }

    /// <summary>
    /// SQLite, through its own API: one prepared statement, each value bound by position. Binding through a
    /// <see cref="DbParameter"/> would look the parameter's name up and box a binder for every value of every row.
    /// </summary>
    private static int ExecuteEach(sqlite3 database, string sql, int parameterCount, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        Check(database, raw.sqlite3_prepare_v2(database, sql, out var statement));
        using var disposeStatement = statement;
        var positions = new int[parameterCount];
        for (var i = 0; i < parameterCount; i++)
        {
            positions[i] = raw.sqlite3_bind_parameter_index(statement, "@" + Name(i));
        }
        var changed = 0;
        foreach (var values in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < parameterCount; i++)
            {
                Check(database, Bind(statement, positions[i], values[i]));
            }
            var result = raw.sqlite3_step(statement);
            raw.sqlite3_reset(statement);
            if (result != raw.SQLITE_DONE)
            {
                Check(database, result);
            }
            changed += raw.sqlite3_changes(database);
        }
        return changed;
    }

    private static int Bind(sqlite3_stmt statement, int position, object? value) => value switch
    {
        null or DBNull => raw.sqlite3_bind_null(statement, position),
        string text => raw.sqlite3_bind_text16(statement, position, text.AsSpan()),
        char character => raw.sqlite3_bind_text16(statement, position, new ReadOnlySpan<char>(in character)),
        bool flag => raw.sqlite3_bind_int64(statement, position, flag ? 1 : 0),
        int or long or short or byte or sbyte or ushort or uint => raw.sqlite3_bind_int64(statement, position, Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        double or float => raw.sqlite3_bind_double(statement, position, Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        byte[] bytes => raw.sqlite3_bind_blob(statement, position, bytes),
        _ => throw new NotSupportedException($"RowStatements cannot bind a {value.GetType()}; pass text, a number or bytes."),
    };

    private static void Check(sqlite3 database, int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, database);
        }
    }

    /// <summary>The name of the parameter at <paramref name="index"/>: <c>p0</c>, <c>p1</c>, ...</summary>
    public static string Name(int index) =>
        index < Names.Length ? Names[index] : string.Create(CultureInfo.InvariantCulture, $"p{index}");

    /// <summary><c>@p0, @p1, ...</c> for a VALUES list of <paramref name="count"/> parameters.</summary>
    public static string Placeholders(int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => "@" + Name(i)));

    private static readonly string[] Names = Enumerable.Range(0, 32).Select(i => string.Create(CultureInfo.InvariantCulture, $"p{i}")).ToArray();
}
