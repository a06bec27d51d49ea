using Dapper;
using Lookout.Kernel.Storage;

namespace Lookout.Workspaces.Account;

/// <summary>
/// Failed sign-ins per normalised email, in the database so that every host of a cluster refuses the same email alike.
/// Emails without an account are counted the same way, so that a refusal tells nothing about who has one.
/// </summary>
internal sealed class LoginFailureStore(LookoutDatabase database, TimeProvider clock, LoginBackoff backoff)
{
    /// <summary>How long <paramref name="email"/> is still refused; null when it may try.</summary>
    public async Task<TimeSpan?> RefusedForAsync(string email, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var lockedUntil = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "SELECT locked_until FROM ws_login_failures WHERE email = @email", new { email }, cancellationToken: cancellationToken));
        var left = TimeSpan.FromMilliseconds((lockedUntil ?? 0) - clock.GetUtcNow().ToUnixTimeMilliseconds());
        return left > TimeSpan.Zero ? left : null;
    }

    /// <summary>Counts a failure; the count and the refusal it brings are one statement, so hosts failing at once add up.</summary>
    public Task RecordFailureAsync(string email, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            var quietSince = now - (long)LoginBackoff.Window.TotalMilliseconds;
            var failures = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                """
                INSERT INTO ws_login_failures (email, failures, last_failure_at, locked_until) VALUES (@email, 1, @now, 0)
                ON CONFLICT (email) DO UPDATE SET
                    failures = CASE WHEN ws_login_failures.last_failure_at < @quietSince AND ws_login_failures.locked_until < @quietSince
                        THEN 1 ELSE ws_login_failures.failures + 1 END,
                    last_failure_at = @now
                RETURNING failures
                """,
                new { email, now, quietSince }, transaction, cancellationToken: cancellationToken));
            var delay = backoff.DelayAfter(failures);
            if (delay > TimeSpan.Zero)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE ws_login_failures SET locked_until = @until WHERE email = @email",
                    new { email, until = now + (long)delay.TotalMilliseconds }, transaction, cancellationToken: cancellationToken));
            }
            // Emails sprayed once and never again are forgotten, so that the table stays as small as the attacks are recent.
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM ws_login_failures WHERE last_failure_at < @quietSince AND locked_until < @quietSince",
                new { quietSince }, transaction, cancellationToken: cancellationToken));
        }, cancellationToken);

    /// <summary>Forgets the failures of an email that has just signed in.</summary>
    public Task ForgetAsync(string email, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM ws_login_failures WHERE email = @email", new { email }, transaction, cancellationToken: cancellationToken)), cancellationToken);
}
