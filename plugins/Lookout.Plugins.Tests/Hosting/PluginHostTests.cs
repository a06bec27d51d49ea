using System.Net;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Lookout.Host.Testing;
using Lookout.Kernel.Plugins;
using Lookout.Plugins.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Plugins.Tests.Hosting;

/// <summary>The host loads the sample webhook plugin from its folder, reports broken plugins, and serves anyway.</summary>
public sealed class PluginHostTests(InstalledPlugins installed) : IClassFixture<InstalledPlugins>
{
    [Fact]
    public async Task The_sample_is_loaded_and_the_corrupt_and_future_sdk_plugins_are_failed_with_reasons()
    {
        using var admin = await installed.App.SignInAsAdminAsync();

        var plugins = (await ApiClient.ReadAsync(await admin.GetAsync("/api/plugins"), HttpStatusCode.OK)).AsArray();

        var sample = Single(plugins, "sample-webhook");
        Assert.Equal("loaded", (string?)sample["status"]);
        Assert.Equal("folder", (string?)sample["source"]);
        Assert.Equal("1.0.0", (string?)sample["version"]);
        Assert.Equal("1.0", (string?)sample["sdkVersion"]);
        Assert.Equal("Webhook (sample)", (string?)sample["name"]);
        Assert.Null(sample["reason"]);
        Assert.Equal(["webhook"], sample["channels"]!.AsArray().Select(c => (string?)c));

        var corrupt = Single(plugins, "corrupt");
        Assert.Equal("failed", (string?)corrupt["status"]);
        Assert.Equal("Corrupt.dll is not a valid .NET assembly.", (string?)corrupt["reason"]);
        Assert.Empty(corrupt["channels"]!.AsArray());

        var future = Single(plugins, "future-webhook");
        Assert.Equal("failed", (string?)future["status"]);
        Assert.StartsWith("It was built for SDK 99.0; this host provides SDK 1.0", (string?)future["reason"], StringComparison.Ordinal);
        Assert.Equal(3, plugins.Count(p => (string?)p!["source"] == "folder"));
        Assert.All(plugins.Where(p => (string?)p!["source"] == "built-in"), p => Assert.Equal("loaded", (string?)p!["status"]));
    }

    [Fact]
    public async Task The_host_serves_normally_with_failed_plugins()
    {
        using var client = installed.App.CreateClient();

        using var health = await client.GetAsync("/health");
        var modules = (await ApiClient.ReadAsync(await client.GetAsync("/api/modules"), HttpStatusCode.OK)).AsArray();

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains(modules, m => (string?)m!["name"] == "plugins");
    }

    [Fact]
    public async Task The_sample_channel_resolved_from_the_host_delivers_a_signed_notification()
    {
        using var receiver = new LoopbackHttpTarget();
        var channel = installed.App.Services.GetRequiredService<IChannelRegistry>().Find("webhook");
        Assert.NotNull(channel);
        Assert.NotSame(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(channel.GetType().Assembly));
        var notification = new Notification(
            "host-test-1", Recipient.At(receiver.UrlFor(TargetBehaviour.Accept).ToString()), "Ann is on /pricing", "Ann has been on /pricing for 2 minutes.", null, []);

        var result = await channel.SendAsync(notification, CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        var request = Assert.Single(receiver.Received);
        var timestamp = request.Headers["Lookout-Timestamp"];
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(InstalledPlugins.Secret), Encoding.UTF8.GetBytes(timestamp + ".").Concat(request.Body).ToArray()));
        Assert.Equal($"t={timestamp},v1={expected}", request.Headers["Lookout-Signature"]);
        Assert.Equal("host-test-1", request.Headers["Lookout-Idempotency-Key"]);
        Assert.Equal("Ann is on /pricing", (string?)JsonNode.Parse(request.Body)!["subject"]);
    }

    [Fact]
    public void The_sample_is_built_without_the_sdk_or_the_host_s_libraries_beside_it()
    {
        var files = Directory.EnumerateFiles(installed.PublishedSample).Select(Path.GetFileName).ToList();

        Assert.Contains("Lookout.Samples.Webhook.dll", files);
        Assert.Contains("plugin.json", files);
        Assert.DoesNotContain(files, f => f!.StartsWith("Lookout.Plugins.", StringComparison.Ordinal) || f.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_admins_see_the_plugins()
    {
        using var anonymous = installed.App.CreateClient();
        using var response = await anonymous.GetAsync("/api/plugins");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static JsonNode Single(JsonArray plugins, string id) => Assert.Single(plugins, p => (string?)p!["id"] == id)!;
}
