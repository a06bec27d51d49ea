using Lookout.Kernel.Grains;
using Lookout.Kernel.Tests.Grains.TestGrains;
using Lookout.Kernel.Modules;
using Lookout.Kernel.Storage;
using Lookout.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lookout.Kernel.Tests.Support;

/// <summary>
/// The kernel of one host, composed the way Lookout.Host composes it (AddLookoutKernel, then the hosted services'
/// start), on a test database and a manual clock.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    // Idle collection runs only when a test asks for it, unless a test sets its own interval.
    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["Grains:CollectionInterval"] = "1.00:00:00",
        ["Grains:ReminderPollInterval"] = "1.00:00:00",
    };

    private readonly ServiceProvider _services;
    private readonly IHostedService[] _hostedServices;
    private bool _stopped;

    private TestSilo(ServiceProvider services)
    {
        _services = services;
        _hostedServices = services.GetServices<IHostedService>().ToArray();
    }

    public IServiceProvider Services => _services;

    public GrainRuntime Runtime => _services.GetRequiredService<GrainRuntime>();

    public IGrainFactory Grains => _services.GetRequiredService<IGrainFactory>();

    public IGrainStorage Storage => _services.GetRequiredService<IGrainStorage>();

    public LookoutDatabase Database => _services.GetRequiredService<LookoutDatabase>();

    public GrainProbe Probe => _services.GetRequiredService<GrainProbe>();

    /// <summary>Builds the services without starting anything.</summary>
    public static TestSilo Create(
        TestDatabase database,
        TimeProvider clock,
        IReadOnlyDictionary<string, string?>? settings = null,
        IEnumerable<IModule>? modules = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(database.Settings)
            .AddInMemoryCollection(Defaults)
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(clock)
            .AddSingleton<GrainProbe>()
            .AddLookoutKernel(configuration, new ModuleCatalog(modules ?? []))
            .AddTestGrains();
        return new TestSilo(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
    }

    /// <summary>Builds the services, migrates the database and starts the grain runtime, as the host does.</summary>
    public static async Task<TestSilo> StartAsync(
        TestDatabase database,
        TimeProvider clock,
        IReadOnlyDictionary<string, string?>? settings = null,
        IEnumerable<IModule>? modules = null)
    {
        var silo = Create(database, clock, settings, modules);
        try
        {
            await silo.MigrateAsync();
            foreach (var service in silo._hostedServices)
            {
                await service.StartAsync(CancellationToken.None);
            }
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
        return silo;
    }

    /// <summary>The hosts' first start-up step: every hosted service's <c>StartingAsync</c> (the kernel's migrates).</summary>
    public async Task MigrateAsync()
    {
        foreach (var service in _hostedServices.OfType<IHostedLifecycleService>())
        {
            await service.StartingAsync(CancellationToken.None);
        }
    }

    public T Grain<T>(string key) where T : IGrainWithStringKey => Grains.GetGrain<T>(key);

    /// <summary>Stops the hosted services in reverse order, then runs their <c>StoppedAsync</c>, as the host does on shutdown.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }
        _stopped = true;
        foreach (var service in _hostedServices.Reverse())
        {
            await service.StopAsync(CancellationToken.None);
        }
        foreach (var service in _hostedServices.Reverse().OfType<IHostedLifecycleService>())
        {
            await service.StoppedAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _services.DisposeAsync();
    }
}
