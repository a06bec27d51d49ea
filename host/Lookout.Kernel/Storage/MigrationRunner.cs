using Dapper;
using Microsoft.Extensions.Logging;

namespace Lookout.Kernel.Storage;

/// <summary>Applies each module's migrations that are not yet recorded in <c>kernel_migrations</c>, in module order.</summary>
public sealed partial class MigrationRunner(LookoutDatabase database, TimeProvider clock, ILogger<MigrationRunner> logger)
{
    // Any fixed number: hosts sharing one PostgreSQL database take turns migrating.
    private const long PostgresLockId = 0x4c6f6f6b6f7574;

    public async Task ApplyAsync(IEnumerable<(string Module, IReadOnlyList<Migration> Migrations)> modules, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modules);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (database.Dialect == SqlDialect.PostgreSql)
        {
            await connection.ExecuteAsync("SELECT pg_advisory_lock(@id)", new { id = PostgresLockId }).ConfigureAwait(false);
        }
        try
        {
            await connection.ExecuteAsync("""
                CREATE TABLE IF NOT EXISTS kernel_migrations (
                    module TEXT NOT NULL,
                    number INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    applied_at BIGINT NOT NULL,
                    PRIMARY KEY (module, number))
                """).ConfigureAwait(false);
            var applied = (await connection.QueryAsync<(string Module, long Number)>(
                "SELECT module, CAST(number AS BIGINT) FROM kernel_migrations").ConfigureAwait(false)).ToHashSet();

            foreach (var (module, migrations) in modules)
            {
                foreach (var migration in migrations.Where(m => !applied.Contains((module, (long)m.Number))))
                {
                    await database.WriteAsync(async (c, t) =>
                    {
                        await c.ExecuteAsync(migration.Sql, transaction: t).ConfigureAwait(false);
                        await c.ExecuteAsync(
                            "INSERT INTO kernel_migrations (module, number, name, applied_at) VALUES (@module, @number, @name, @at)",
                            new { module, number = migration.Number, name = migration.Name, at = clock.GetUtcNow().ToUnixTimeMilliseconds() },
                            t).ConfigureAwait(false);
                    }, cancellationToken).ConfigureAwait(false);
                    LogApplied(module, migration.Number, migration.Name);
                }
            }
        }
        finally
        {
            if (database.Dialect == SqlDialect.PostgreSql)
            {
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(@id)", new { id = PostgresLockId }).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Module} {Number:000} {Name}")]
    private partial void LogApplied(string module, int number, string name);
}
