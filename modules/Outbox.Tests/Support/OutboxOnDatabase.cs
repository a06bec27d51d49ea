using Lookout.Contacts.Contracts;
using Lookout.Kernel.Modules;
using Lookout.Kernel.Paging;
using Lookout.Kernel.Storage;
using Lookout.Outbox.Contracts;
using Lookout.Outbox.Dispatch;
using Lookout.Outbox.Deliveries;
using Lookout.Outbox.Messages;
using Lookout.Plugins;
using Lookout.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Lookout.Outbox.Tests.Support;

/// <summary>
/// The outbox on a fresh database with a clock the test moves, test channels and renderers, and a resolver the test
/// scripts: the dispatcher runs for real, only time and plugins are the test's.
/// </summary>
internal sealed class OutboxOnDatabase : IAsyncDisposable
{
    public const string Workspace = "workspace-1";

    private readonly TestDatabase _test;
    private readonly List<Dispatcher> _dispatchers = [];

    private OutboxOnDatabase(TestDatabase test, LookoutDatabase database, OutboxOptions options)
    {
        _test = test;
        Database = database;
        Options = options;
        Store = new OutboxStore(database);
        Log = new DeliveryLog(database);
        Outbox = new Enqueue.Outbox(Store, Signal, Clock);
    }

    public ManualClock Clock { get; } = new();

    public LookoutDatabase Database { get; }

    public OutboxOptions Options { get; }

    public TestPlugins Plugins { get; } = new();

    public ScriptedResolver Resolver { get; } = new();

    public DispatchSignal Signal { get; } = new();

    public OutboxStore Store { get; }

    public DeliveryLog Log { get; }

    public IOutbox Outbox { get; }

    /// <summary>The outbox's tables on a fresh database of <paramref name="dialect"/>; <paramref name="configure"/> changes the defaults.</summary>
    public static async Task<OutboxOnDatabase> CreateAsync(SqlDialect dialect, Action<OutboxOptions>? configure = null)
    {
        var options = new OutboxOptions();
        configure?.Invoke(options);
        Assert.Null(options.Problem());
        var test = await TestDatabase.CreateAsync(dialect);
        var database = new LookoutDatabase(dialect, test.ConnectionString);
        var outbox = new OutboxOnDatabase(test, database, options);
        await new MigrationRunner(database, outbox.Clock, NullLogger<MigrationRunner>.Instance)
            .ApplyAsync([("outbox", ((IModule)new OutboxModule()).Migrations(dialect))]);
        return outbox;
    }

    public TestChannel AddChannel(string name)
    {
        var channel = new TestChannel(name);
        Plugins.Add(channel);
        return channel;
    }

    /// <summary>Starts a dispatcher, as a host does when it starts; a second one after stopping the first is a restarted host.</summary>
    public async Task<Dispatcher> StartDispatcherAsync()
    {
        var dispatcher = new Dispatcher(
            Store, Plugins, new NotificationBuilder(Plugins), Resolver, Signal, Microsoft.Extensions.Options.Options.Create(Options), Clock, NullLogger<Dispatcher>.Instance);
        _dispatchers.Add(dispatcher);
        await dispatcher.StartAsync(CancellationToken.None);
        return dispatcher;
    }

    /// <summary>
    /// Moves time on and wakes the dispatcher, as its poll would: a round that read the clock just before the move
    /// would otherwise sleep a whole poll interval of a clock that no longer moves.
    /// </summary>
    public void Advance(TimeSpan by)
    {
        Clock.Advance(by);
        Signal.Wake();
    }

    public static OutboxMessage Message(string key, string channel, params string[] addresses) =>
        new(Workspace, key, channel, OutboxRecipients.To(addresses.Select(Recipient.At)), $"Subject of {key}", $"Body of {key}");

    public Task<bool> EnqueueAsync(OutboxMessage message) => Outbox.EnqueueAsync(message, CancellationToken.None);

    public async Task<IReadOnlyList<DeliveryRow>> DeliveriesAsync(string workspace = Workspace) =>
        (await Log.PageAsync(workspace, new DeliveryFilter(null, null, null), new PageRequest { PageSize = PageRequest.MaxPageSize }, CancellationToken.None)).Items;

    public async Task<DeliveryRow> DeliveryToAsync(string address) =>
        Assert.Single(await DeliveriesAsync(), d => d.Address == address);

    public async Task<string> StatusOfAsync(string address) => (await DeliveryToAsync(address)).Status;

    public Task<IReadOnlyList<AttemptRow>> AttemptsAsync(DeliveryRow delivery) => Log.AttemptsAsync(Workspace, delivery.Id, CancellationToken.None);

    /// <summary>Waits until the delivery to <paramref name="address"/> has <paramref name="status"/>.</summary>
    public Task StatusBecomesAsync(string address, string status) =>
        Eventually.TrueAsync(async () => (await DeliveriesAsync()).Any(d => d.Address == address && d.Status == status), $"{address} is {status}");

    /// <summary>Waits until the delivery to <paramref name="address"/> has closed <paramref name="attempts"/> attempts.</summary>
    public Task AttemptsCloseAsync(string address, int attempts) =>
        Eventually.TrueAsync(
            async () => (await DeliveriesAsync()).FirstOrDefault(d => d.Address == address) is { } delivery
                && (await AttemptsAsync(delivery)).Count(a => a.Outcome is not null) >= attempts,
            $"{address} has {attempts} closed attempts");

    public async ValueTask DisposeAsync()
    {
        foreach (var dispatcher in _dispatchers)
        {
            await dispatcher.StopAsync(CancellationToken.None);
            dispatcher.Dispose();
        }
        await Database.DisposeAsync();
        await _test.DisposeAsync();
    }
}

/// <summary>A recipient resolver whose answer the test writes; it remembers what it was asked.</summary>
internal sealed class ScriptedResolver : IRecipientResolver
{
    public Func<RecipientSpec, RecipientResolution> Answer { get; set; } = _ => new RecipientResolution([], [], null);

    public List<(string WorkspaceId, RecipientSpec Spec, RecipientContext Context)> Asked { get; } = [];

    public Task<RecipientResolution> ResolveAsync(string workspaceId, RecipientSpec spec, RecipientContext context, CancellationToken ct)
    {
        lock (Asked)
        {
            Asked.Add((workspaceId, spec, context));
        }
        return Task.FromResult(Answer(spec));
    }
}
