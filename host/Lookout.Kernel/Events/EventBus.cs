using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Kernel.Events;

/// <summary>Kernel events: how modules tell each other what happened without reaching into each other.</summary>
public interface IEventBus
{
    /// <summary>Runs every <see cref="IEventSubscriber{TEvent}"/> of <typeparamref name="TEvent"/>, in registration order.</summary>
    Task PublishAsync<TEvent>(TEvent message, CancellationToken cancellationToken = default) where TEvent : notnull;
}

/// <summary>Subscribes to one kind of kernel event; modules' handlers are registered by scanning their assemblies.</summary>
public interface IEventSubscriber<in TEvent>
{
    Task HandleAsync(TEvent message, CancellationToken cancellationToken);
}

internal sealed class EventBus(IServiceScopeFactory scopes) : IEventBus
{
    public async Task PublishAsync<TEvent>(TEvent message, CancellationToken cancellationToken = default) where TEvent : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        foreach (var subscriber in scope.ServiceProvider.GetServices<IEventSubscriber<TEvent>>())
        {
            await subscriber.HandleAsync(message, cancellationToken).ConfigureAwait(false);
        }
    }
}
