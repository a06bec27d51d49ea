using Lookout.Host.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lookout.Host.Tests.Lifetime;

/// <summary>
/// A host can be stopped twice: WebApplicationFactory stops it while the app's own <c>Run()</c>, woken by that stop,
/// stops it too and then disposes it, so the later stop may reach a hosted service already stopped or disposed.
/// </summary>
public sealed class HostStopTests
{
    [Fact]
    public async Task Every_hosted_service_takes_a_second_stop_during_the_first_and_a_third_after_being_disposed()
    {
        var app = await LookoutApp.StartAsync();
        var hosted = app.Services.GetServices<IHostedService>().Reverse().ToList();
        Assert.NotEmpty(hosted);

        await Task.WhenAll(Task.Run(() => StopAsync(hosted)), Task.Run(() => StopAsync(hosted)));
        foreach (var service in hosted.Distinct())
        {
            if (service is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync();
            }
            else if (service is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }
        await StopAsync(hosted);

        await app.DisposeAsync();
    }

    // In the order the host uses: every service's Stopping, then Stop, then Stopped.
    private static async Task StopAsync(List<IHostedService> hosted)
    {
        var lifecycle = hosted.OfType<IHostedLifecycleService>().ToList();
        foreach (var service in lifecycle)
        {
            await service.StoppingAsync(CancellationToken.None);
        }
        foreach (var service in hosted)
        {
            await service.StopAsync(CancellationToken.None);
        }
        foreach (var service in lifecycle)
        {
            await service.StoppedAsync(CancellationToken.None);
        }
    }
}
