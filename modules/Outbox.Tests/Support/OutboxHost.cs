using Lookout.Testing;
using System.Net;
using Lookout.Host.Testing;
using Lookout.Kernel.Plugins;
using Lookout.Kernel.Storage;
using Lookout.Outbox.Contracts;
using Lookout.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Outbox.Tests.Support;

/// <summary>
/// The real host on a fresh database, with test channels <c>email</c> and <c>sms</c> in front of the plugins' own
/// (registered by decorating the host's channel registry, the way the outbox finds every channel).
/// </summary>
public abstract class OutboxHost(SqlDialect dialect) : IAsyncLifetime
{
    public TestChannel Email { get; } = new("email");

    public TestChannel Sms { get; } = new("sms");

    public LookoutApp App { get; private set; } = null!;

    public async Task InitializeAsync() =>
        App = await LookoutApp.StartAsync(dialect, new Dictionary<string, string?> { ["Outbox:PollInterval"] = "00:00:00.100" }, WithChannels(Email, Sms));

    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>Services that put <paramref name="channels"/> in front of the host's.</summary>
    public static Action<IServiceCollection> WithChannels(params TestChannel[] channels) => services =>
    {
        var plugins = new TestPlugins();
        foreach (var channel in channels)
        {
            plugins.Add(channel);
        }
        services.Decorate<IChannelRegistry>((host, sp) => TestPlugins.Over(host, sp.GetRequiredService<IAttachmentRendererRegistry>(), plugins));
    };

    /// <summary>Enqueues, as a module of the host would, a message to <paramref name="addresses"/> in <paramref name="workspaceId"/>.</summary>
    public Task<bool> EnqueueAsync(string workspaceId, string key, string channel, params string[] addresses) =>
        App.Services.GetRequiredService<IOutbox>().EnqueueAsync(
            new OutboxMessage(workspaceId, key, channel, OutboxRecipients.To(addresses.Select(Recipient.At)), $"Subject of {key}", $"Body of {key}"),
            CancellationToken.None);
}

public sealed class OutboxHostOnSqlite() : OutboxHost(SqlDialect.Sqlite);

public sealed class OutboxHostOnPostgreSql() : OutboxHost(SqlDialect.PostgreSql);

/// <summary>Reading the delivery log over HTTP.</summary>
public static class DeliveryLogClient
{
    public static async Task<System.Text.Json.Nodes.JsonNode> GetAsync(ApiClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await ApiClient.ReadAsync(response, HttpStatusCode.OK);
    }

    /// <summary>Waits until the workspace's log shows <paramref name="count"/> deliveries with <paramref name="status"/>.</summary>
    public static Task CountBecomesAsync(ApiClient client, string status, int count) =>
        Eventually.TrueAsync(
            async () => (await GetAsync(client, $"/api/outbox/deliveries?status={status}"))["total"]!.GetValue<long>() == count,
            $"{count} deliveries are {status}");
}
