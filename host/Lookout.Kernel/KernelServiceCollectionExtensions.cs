using Lookout.Kernel.Events;
using Lookout.Kernel.Http;
using Lookout.Kernel.Metrics;
using Lookout.Kernel.Modules;
using Lookout.Kernel.Orleans;
using Lookout.Kernel.Security;
using Lookout.Kernel.Storage;
using Lookout.Kernel.Templates;
using Lookout.Plugins;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Lookout.Kernel;

public static class KernelServiceCollectionExtensions
{
    /// <summary>
    /// The kernel: clock, database and migrations, event bus, health and problem handling, plus every
    /// module of <paramref name="catalog"/> (its services and event handlers).
    /// </summary>
    public static IServiceCollection AddLookoutKernel(this IServiceCollection services, IConfiguration configuration, ModuleCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(catalog);
        services.TryAddSingleton(TimeProvider.System);
        services.AddLookoutMetrics();

        var storage = StorageOptions.From(configuration);
        services.AddSingleton(storage);
        services.AddSingleton(_ => new LookoutDatabase(storage.Provider, storage.ConnectionString));
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<EventBus>();
        services.AddSingleton<IEventBus>(sp => sp.GetRequiredService<EventBus>());
        services.AddOptions<SiloOptions>().Bind(configuration.GetSection(SiloOptions.Section));
        services.AddSingleton<MemoryPressure>();
        // One sandboxed Liquid engine for every template: attachments, and subjects, bodies and SMS text.
        services.AddSingleton<ILiquidTemplates, LiquidTemplates>();
        services.AddSingleton(catalog);

        services.AddProblemDetails();
        // Admin API bodies are small; /collect sets its own, smaller limit.
        var maxBody = configuration.GetValue<long?>("Http:MaxRequestBodyBytes") ?? 1024 * 1024;
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = maxBody);
        services.AddAntiforgery(options =>
        {
            options.HeaderName = AntiforgeryMiddleware.HeaderName;
            options.Cookie.Name = "lookout.af";
            options.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
        });
        services.AddRateLimiter(options => options.RejectionStatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status429TooManyRequests);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // Bad requests reach ProblemExceptionHandler, which names the field a malformed body broke at.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new ValidTextJsonElementConverter()));
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");

        foreach (var module in catalog.Modules)
        {
            services.AddSingleton(module);
            module.ConfigureServices(services, configuration);
        }
        // Subscribers are found by scanning; one a module registered itself (a singleton that also serves other
        // interfaces) forwards its subscriptions itself and is left alone here.
        services.Scan(scan => scan.FromAssemblies(catalog.Assemblies)
            .AddClasses(classes => classes.AssignableTo(typeof(IEventSubscriber<>)).Where(type => !services.Any(d => d.ServiceType == type)), publicOnly: false)
            .As(type => type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEventSubscriber<>)))
            .WithScopedLifetime());

        // Migrations run in its StartingAsync: before any hosted service starts, the silo and the web server included.
        services.AddHostedService<KernelHostedService>();

        // Every host reads the others' cookies and antiforgery tokens: one application name (the default is the content
        // root, which differs between machines) and the keys in the database. SharedKeyRing loads them after the
        // kernel's migrations, as hosted services start in the order they are registered.
        services.AddDataProtection().SetApplicationName("Lookout");
        services.AddSingleton<DatabaseXmlRepository>();
        services.AddOptions<KeyManagementOptions>().Configure<DatabaseXmlRepository>((options, keys) => options.XmlRepository = keys);
        services.AddHostedService<SharedKeyRing>();
        return services;
    }
}

/// <summary>Migrates the database (kernel first, then modules in order) before anything starts.</summary>
internal sealed class KernelHostedService(MigrationRunner migrations, LookoutDatabase database, ModuleCatalog catalog) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var sets = catalog.Modules.Select(m => (m.Name, m.Migrations(database.Dialect)))
            .Prepend(("kernel", Migration.FromAssembly(typeof(KernelHostedService).Assembly, database.Dialect)));
        await migrations.ApplyAsync(sets, cancellationToken).ConfigureAwait(false);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
