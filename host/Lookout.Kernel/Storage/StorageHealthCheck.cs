using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lookout.Kernel.Storage;

/// <summary>Healthy when the database answers a query.</summary>
internal sealed class StorageHealthCheck(LookoutDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM kernel_migrations", cancellationToken: cancellationToken)).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"{database.Dialect} answers.");
        }
#pragma warning disable CA1031 // any failure means unhealthy
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy($"{database.Dialect} does not answer.", exception);
        }
    }
}
