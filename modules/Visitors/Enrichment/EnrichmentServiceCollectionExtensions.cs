using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lookout.Visitors.Enrichment;

/// <summary>The enrichment services that need configuration; the parsers (<see cref="SearchReferrer"/>, <see cref="UserAgentInfo"/>, <see cref="IpAnonymizer"/>) are static.</summary>
public static class EnrichmentServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="IGeoIpProvider"/> from the <c>GeoIp</c> section: the MaxMind files it names, loaded when the host
    /// starts so that a missing or broken file stops the start with its name, or no geo data when it names none.
    /// </summary>
    public static IServiceCollection AddGeoIp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<GeoIpOptions>().Bind(configuration.GetSection(GeoIpOptions.Section));
        services.TryAddSingleton<IGeoIpProvider>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<GeoIpOptions>>().Value;
            return options.HasDatabase
                ? new MaxMindGeoIpProvider(options, sp.GetService<ILogger<MaxMindGeoIpProvider>>())
                : NullGeoIpProvider.Instance;
        });
        services.AddHostedService<GeoIpDatabaseLoader>();
        return services;
    }

    /// <summary><see cref="ReverseDnsLookup"/> configured from the <c>ReverseDns</c> section (off unless <c>Enabled</c>).</summary>
    public static IServiceCollection AddReverseDns(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ReverseDnsOptions>().Bind(configuration.GetSection(ReverseDnsOptions.Section));
        services.TryAddSingleton<ReverseDnsLookup>();
        return services;
    }

    private sealed class GeoIpDatabaseLoader(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            services.GetRequiredService<IGeoIpProvider>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
