using Lookout.Kernel;
using Lookout.Kernel.Modules;
using Lookout.Visitors.Collect;
using Lookout.Visitors.Contracts;
using Lookout.Visitors.Enrichment;
using Lookout.Visitors.Grains;
using Lookout.Visitors.Leads;
using Lookout.Visitors.Live;
using Lookout.Visitors.Tracking;
using Lookout.Visitors.Tracker;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;

namespace Lookout.Visitors;

/// <summary>Tracking: lookout.js, /collect, visitor grains, visits and page views, leads, the live view and the demo site.</summary>
public sealed class VisitorsModule : IModule
{
    public string Name => "visitors";

    public string Title => "Visitors";

    public IReadOnlyList<string> DependsOn => ["workspaces", "exclusions"];

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CollectOptions>().Bind(configuration.GetSection(CollectOptions.Section));
        services.AddGeoIp(configuration);
        services.AddReverseDns(configuration);
        services.AddSingleton<VisitEnricher>();
        services.AddSingleton<TrackingLog>();
        services.AddHostedService(sp => sp.GetRequiredService<TrackingLog>());
        services.AddSingleton<LeadStore>();
        services.AddSingleton<VisitorHistory>();
        services.AddSingleton<LiveChangeReporter>();
        services.AddSingleton<IVisitorObserver>(sp => sp.GetRequiredService<LiveChangeReporter>());
        services.AddHostedService(sp => sp.GetRequiredService<LiveChangeReporter>());
        services.AddSingleton<LiveVisitors>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveVisitors>());
        services.AddSingleton<CollectEndpoint>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<CollectEndpoint>());
        services.AddSignalR();
    }

    public void MapEndpoints(RouteGroupBuilder group)
    {
        group.MapVisitorsApi();
        group.MapLeadsApi();
    }

    public void MapPublicEndpoints(IEndpointRouteBuilder endpoints)
    {
        CollectEndpoint.Map(endpoints);
        TrackerScript.Map(endpoints);
        DemoSite.Map(endpoints);
        endpoints.MapHub<LiveHub>(LiveHub.Path);
    }
}
