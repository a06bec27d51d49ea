using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Lookout.Kernel.Metrics;

/// <summary>
/// The host's meters in the Prometheus text format at <see cref="Path"/>: Lookout's own (<c>Lookout.*</c>, e.g. the
/// events /collect accepted) and Orleans' (<c>Microsoft.Orleans</c>: activations per grain type, grain calls,
/// messaging, membership). Each host exports its own figures, so a scraper reads every host directly rather than
/// through the load balancer (which refuses the path).
/// </summary>
public static class MetricsExport
{
    public const string Path = "/metrics";

    /// <summary>Every meter a Lookout module creates is named <c>Lookout.&lt;Area&gt;</c>.</summary>
    public const string LookoutMeters = "Lookout.*";

    public const string OrleansMeter = "Microsoft.Orleans";

    public static IServiceCollection AddLookoutMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(LookoutMeters, OrleansMeter).AddPrometheusExporter());
        return services;
    }

    /// <summary>Maps <see cref="Path"/>: anonymous, as scrapers do not sign in; keep it off the public network.</summary>
    public static IEndpointRouteBuilder MapLookoutMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint(Path).ExcludeFromDescription();
        return endpoints;
    }
}
