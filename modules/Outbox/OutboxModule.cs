using Lookout.Kernel.Modules;
using Lookout.Outbox.Contracts;
using Lookout.Outbox.Dispatch;
using Lookout.Outbox.Enqueue;
using Lookout.Outbox.Deliveries;
using Lookout.Outbox.Messages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Outbox;

/// <summary>
/// The transactional outbox: modules enqueue notifications through <see cref="IOutbox"/> in the transaction of the
/// change that caused them; the dispatcher delivers them through the channel plugins at least once, with per-channel
/// concurrency, back-off with jitter, a budget of attempts and dead letters; <c>/api/outbox</c> is the delivery log.
/// </summary>
public sealed class OutboxModule : IModule
{
    public string Name => "outbox";

    public string Title => "Delivery log";

    public IReadOnlyList<string> DependsOn => ["contacts"];

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutboxOptions>()
            .Bind(configuration.GetSection(OutboxOptions.Section))
            .Validate(options => options.Problem() is null, "Invalid Outbox settings: check MaxAttempts, delays, Lease > SendTimeout and concurrency.")
            .ValidateOnStart();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<DeliveryLog>();
        services.AddSingleton<DispatchSignal>();
        services.AddSingleton<NotificationBuilder>();
        services.AddSingleton<IOutbox, Enqueue.Outbox>();
        services.AddSingleton<Dispatcher>();
        // Before the dispatcher: hosted services start in the order they are registered.
        services.AddHostedService<StoredTemplateConversion>();
        services.AddHostedService(sp => sp.GetRequiredService<Dispatcher>());
    }

    public void MapEndpoints(RouteGroupBuilder group) => group.MapDeliveriesApi();
}
