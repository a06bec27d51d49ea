using System.Net;
using System.Net.Sockets;
using Lookout.Kernel.Tests.Orleans.TestGrains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Lookout.Kernel.Tests.Orleans;

/// <summary>One real Orleans silo in the test process, clustered on its own loopback ports.</summary>
public sealed class LocalSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private LocalSilo(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public ReminderLog Reminders => _host.Services.GetRequiredService<ReminderLog>();

    /// <summary>Starts a silo of cluster <paramref name="clusterId"/> that <paramref name="configure"/> finishes (its storage).</summary>
    public static async Task<LocalSilo> StartAsync(string serviceId, string clusterId, Action<ISiloBuilder> configure)
    {
        var host = new HostBuilder()
            .UseOrleans(silo =>
            {
                silo.UseLocalhostClustering(FreePort(), FreePort(), serviceId: serviceId, clusterId: clusterId);
                // Reminders every few hundred milliseconds: Orleans' minimum (one minute) would make the tests wait.
                silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromMilliseconds(100));
                silo.UseSystemTextJsonGrainStorageSerializer(); // as the host stores state
                silo.Services.AddSingleton<ReminderLog>();
                configure(silo);
            })
            .Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            await DisposeHostAsync(host);
            throw;
        }
        return new LocalSilo(host);
    }

    public T Grain<T>(string key) where T : IGrainWithStringKey => Grains.GetGrain<T>(key);

    /// <summary>Stops the silo as a host shutdown does: activations are deactivated, the silo leaves the cluster.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }
        _stopped = true;
        await _host.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await DisposeHostAsync(_host);
    }

    // The services may hold IAsyncDisposable-only singletons (LookoutDatabase), which a synchronous Dispose refuses.
    private static async ValueTask DisposeHostAsync(IHost host)
    {
        if (host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
