using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Kernel.Events;

/// <summary>Kernel events: how modules tell each other what happened without reaching into each other.</summary>
public interface IEventBus
{
    /// <summary>
    /// Runs every <see cref="IEventSubscriber{TEvent}"/> of <typeparamref name="TEvent"/>, in registration order; an
    /// <see cref="IClusterEvent"/> then runs on every other host of the cluster too.
    /// </summary>
    Task PublishAsync<TEvent>(TEvent message, CancellationToken cancellationToken = default) where TEvent : notnull;
}

/// <summary>Subscribes to one kind of kernel event; modules' handlers are registered by scanning their assemblies.</summary>
public interface IEventSubscriber<in TEvent>
{
    Task HandleAsync(TEvent message, CancellationToken cancellationToken);
}

internal sealed class EventBus(IServiceScopeFactory scopes, IServiceProvider services) : IEventBus
{
    private static readonly MethodInfo RunOfType = typeof(EventBus).GetMethod(nameof(RunAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;

    public async Task PublishAsync<TEvent>(TEvent message, CancellationToken cancellationToken = default) where TEvent : notnull
    {
        await RunAsync(message, cancellationToken).ConfigureAwait(false);
        // The relay comes with the silo; a kernel without one (tools, kernel tests) is a cluster of one.
        if (message is IClusterEvent clusterEvent && services.GetService<ClusterEventRelay>() is { } relay)
        {
            await relay.SendToOthersAsync(clusterEvent, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs this host's subscribers of an event another host published, by its runtime type.</summary>
    public Task RunLocalAsync(IClusterEvent message, CancellationToken cancellationToken) =>
        (Task)RunOfType.MakeGenericMethod(message.GetType()).Invoke(this, [message, cancellationToken])!;

    private async Task RunAsync<TEvent>(TEvent message, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        foreach (var subscriber in scope.ServiceProvider.GetServices<IEventSubscriber<TEvent>>())
        {
            await subscriber.HandleAsync(message, cancellationToken).ConfigureAwait(false);
        }
    }
}
