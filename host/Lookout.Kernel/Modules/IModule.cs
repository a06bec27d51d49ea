using Lookout.Kernel.Storage;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Kernel.Modules;

/// <summary>
/// A module says who it is in one place: its name (the <c>/api/&lt;name&gt;</c> route and its migrations' key),
/// the modules it depends on, its services and its endpoints. Its migrations are the SQL files embedded from its
/// <c>Migrations/sqlite</c> and <c>Migrations/postgres</c> folders.
/// </summary>
public interface IModule
{
    /// <summary>Lower-case, URL-safe name, e.g. <c>workspaces</c>.</summary>
    string Name { get; }

    /// <summary>Title shown in the admin navigation.</summary>
    string Title { get; }

    /// <summary>
    /// The names of the modules whose <c>Contracts</c> this one uses (and whose tables its migrations may read):
    /// they are configured, migrated and mapped before it. A module uses no other module's code but these contracts
    /// (an architecture test reads the compiled modules to check).
    /// </summary>
    IReadOnlyList<string> DependsOn => [];

    void ConfigureServices(IServiceCollection services, IConfiguration configuration);

    /// <summary>Maps the module's endpoints on its own group, <c>/api/&lt;name&gt;</c>.</summary>
    void MapEndpoints(RouteGroupBuilder group);

    /// <summary>
    /// Endpoints outside <c>/api</c> that browsers of tracked sites reach (e.g. <c>/collect</c>, <c>/lookout.js</c>,
    /// SignalR hubs): most modules have none.
    /// </summary>
    void MapPublicEndpoints(IEndpointRouteBuilder endpoints)
    {
    }

    /// <summary>The module's numbered migrations for <paramref name="dialect"/>.</summary>
    IReadOnlyList<Migration> Migrations(SqlDialect dialect) => Migration.FromAssembly(GetType().Assembly, dialect);
}
