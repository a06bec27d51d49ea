using Lookout.Exclusions.Contracts;
using Lookout.Exclusions.Hits;
using Lookout.Exclusions.Matching;
using Lookout.Exclusions.Exclusions;
using Lookout.Kernel.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Exclusions;

/// <summary>
/// Pages, IP addresses, referrers, search keywords, countries and user agents left out at ingestion, per site or for a
/// whole workspace; <see cref="IExclusionPolicy"/> is what ingestion asks.
/// </summary>
public sealed class ExclusionsModule : IModule
{
    public string Name => "exclusions";

    public string Title => "Exclusions";

    public IReadOnlyList<string> DependsOn => ["workspaces"];

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ExclusionsOptions>().Bind(configuration.GetSection(ExclusionsOptions.Section));
        services.AddSingleton<ExclusionStore>();
        services.AddSingleton<HitCounter>();
        services.AddSingleton<HitFlusher>();
        services.AddHostedService(sp => sp.GetRequiredService<HitFlusher>());
        services.AddSingleton<ExclusionPolicy>();
        services.AddSingleton<IExclusionPolicy>(sp => sp.GetRequiredService<ExclusionPolicy>());
    }

    public void MapEndpoints(RouteGroupBuilder group)
    {
        group.MapExclusionsApi();
        group.MapExclusionTestApi();
    }
}
