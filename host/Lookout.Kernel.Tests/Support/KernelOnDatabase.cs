using Lookout.Kernel.Modules;
using Lookout.Kernel.Storage;
using Lookout.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lookout.Kernel.Tests.Support;

/// <summary>
/// The kernel of one host composed the way Lookout.Host composes it (AddLookoutKernel), without the silo and the web
/// server, on a test database and a clock of the test's choosing. <see cref="MigrateAsync"/> is the host's first
/// start-up step (every hosted service's <c>StartingAsync</c>: the migrations, then the shared key ring).
/// </summary>
public sealed class KernelOnDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IHostedService[] _hostedServices;
    private bool _stopped;

    private KernelOnDatabase(ServiceProvider services)
    {
        _services = services;
        _hostedServices = services.GetServices<IHostedService>().ToArray();
    }

    public IServiceProvider Services => _services;

    public LookoutDatabase Database => _services.GetRequiredService<LookoutDatabase>();

    public static KernelOnDatabase Create(TestDatabase database, TimeProvider clock, IEnumerable<IModule>? modules = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Settings).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(clock)
            .AddLookoutKernel(configuration, new ModuleCatalog(modules ?? []));
        return new KernelOnDatabase(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
    }

    /// <summary>Every hosted service's <c>StartingAsync</c>, in registration order, as the host runs them first.</summary>
    public async Task MigrateAsync()
    {
        foreach (var service in _hostedServices.OfType<IHostedLifecycleService>())
        {
            await service.StartingAsync(CancellationToken.None);
        }
    }

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
