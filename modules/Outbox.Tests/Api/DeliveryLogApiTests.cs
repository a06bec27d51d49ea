using Lookout.Testing;
using System.Net;
using System.Text.Json.Nodes;
using Lookout.Host.Testing;
using Lookout.Outbox.Tests.Support;
using Lookout.Plugins;

namespace Lookout.Outbox.Tests.Api;

/// <summary>The delivery log over HTTP: filters, paging, attempts, resending dead letters, roles.</summary>
public abstract class DeliveryLogApiTests(OutboxHost host)
{
    /// <summary>
    /// A workspace of its own with four deliveries: ann (delivered), bob (retrying after "Greylisted."), carol
    /// (delivered) by email, and an SMS to a number the gateway refuses (dead).
    /// </summary>
    private async Task<ApiClient> WorkspaceWithFourDeliveriesAsync()
    {
        var admin = await host.App.AdminOfNewWorkspaceAsync();
        var tag = admin.WorkspaceId![..8];
        host.Email.Answer = (n, _) => Task.FromResult(n.Recipient.Address.StartsWith("bob", StringComparison.Ordinal)
            ? DeliveryResult.Transient("Greylisted.", TimeSpan.FromHours(1))
            : DeliveryResult.Delivered);
        host.Sms.Answer = (n, _) => Task.FromResult(n.Recipient.Address.EndsWith("000", StringComparison.Ordinal)
            ? DeliveryResult.Permanent("Not a mobile number.")
            : DeliveryResult.Delivered);
        await host.EnqueueAsync(admin.WorkspaceId, "first", "email", $"ann.{tag}@example.com");
        await DeliveryLogClient.CountBecomesAsync(admin, "delivered", 1);
        await host.EnqueueAsync(admin.WorkspaceId, "second", "sms", "+15550000000");
        await DeliveryLogClient.CountBecomesAsync(admin, "dead", 1);
        await host.EnqueueAsync(admin.WorkspaceId, "third", "email", $"bob.{tag}@example.com", $"Carol.{tag}@example.com");
        await DeliveryLogClient.CountBecomesAsync(admin, "delivered", 2);
        await DeliveryLogClient.CountBecomesAsync(admin, "retrying", 1);
        return admin;
    }

    private static IEnumerable<string> Addresses(JsonNode page) => page["items"]!.AsArray().Select(d => d!["address"]!.GetValue<string>()[..3]);

    [Fact]
    public async Task The_log_lists_the_workspace_s_deliveries_newest_first_filtered_by_channel_status_and_recipient()
    {
        using var admin = await WorkspaceWithFourDeliveriesAsync();

        var all = await DeliveryLogClient.GetAsync(admin, "/api/outbox/deliveries");
        Assert.Equal(4, all["total"]!.GetValue<long>());
        Assert.Equal(["bob", "Car", "+15", "ann"], Addresses(all));
        var dead = all["items"]![2]!;
        Assert.Equal("sms", dead["channel"]!.GetValue<string>());
        Assert.Equal("dead", dead["status"]!.GetValue<string>());
        Assert.Equal("Not a mobile number.", dead["lastReason"]!.GetValue<string>());
        Assert.Equal("Subject of second", dead["subject"]!.GetValue<string>());
        Assert.Equal(1, dead["attemptCount"]!.GetValue<long>());
        Assert.Null(dead["nextAttemptAt"]);

        Assert.Equal(["+15"], Addresses(await DeliveryLogClient.GetAsync(admin, "/api/outbox/deliveries?channel=sms")));
        Assert.Equal(["Car", "ann"], Addresses(await DeliveryLogClient.GetAsync(admin, "/api/outbox/deliveries?status=delivered")));
        Assert.Equal(["Car"], Addresses(await DeliveryLogClient.GetAsync(admin, "/api/outbox/deliveries?recipient=carol")));
        Assert.Empty(Addresses(await DeliveryLogClient.GetAsync(admin, "/api/outbox/deliveries?recipient=carol&status=dead")));
        var second = await DeliveryLogClient.GetAsync(admin, "/api/outbox/deliveries?page=2&pageSize=3");
        Assert.Equal(["ann"], Addresses(second));
        Assert.Equal(4, second["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_delivery_shows_its_attempts_and_when_it_is_tried_next()
    {
        using var admin = await WorkspaceWithFourDeliveriesAsync();
        var bob = (await DeliveryLogClient.GetAsync(admin, "/api/outbox/deliveries?status=retrying"))["items"]![0]!;

        var detail = await DeliveryLogClient.GetAsync(admin, $"/api/outbox/deliveries/{bob["id"]!.GetValue<string>()}");

        Assert.Equal("retrying", detail["delivery"]!["status"]!.GetValue<string>());
        Assert.Equal("Greylisted.", detail["delivery"]!["lastReason"]!.GetValue<string>());
        var next = detail["delivery"]!["nextAttemptAt"]!.GetValue<DateTimeOffset>();
        Assert.InRange(next - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));
        var attempt = Assert.Single(detail["attempts"]!.AsArray())!;
        Assert.Equal(1, attempt["number"]!.GetValue<long>());
        Assert.Equal("transient", attempt["outcome"]!.GetValue<string>());
        Assert.Equal("Greylisted.", attempt["reason"]!.GetValue<string>());
        Assert.True(attempt["finishedAt"]!.GetValue<DateTimeOffset>() >= attempt["startedAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Resending_a_dead_letter_delivers_it_with_a_fresh_attempt_budget()
    {
        using var admin = await WorkspaceWithFourDeliveriesAsync();
        var dead = (await DeliveryLogClient.GetAsync(admin, "/api/outbox/deliveries?status=dead"))["items"]![0]!["id"]!.GetValue<string>();
        host.Sms.Answer = (_, _) => Task.FromResult(DeliveryResult.Delivered);

        using var response = await admin.PostAsync($"/api/outbox/deliveries/{dead}/resend", null);

        var resent = await ApiClient.ReadAsync(response, HttpStatusCode.OK);
        Assert.Equal("pending", resent["delivery"]!["status"]!.GetValue<string>());
        Assert.Equal(0, resent["delivery"]!["attempts"]!.GetValue<long>());
        await Eventually.TrueAsync(
            async () => (await DeliveryLogClient.GetAsync(admin, $"/api/outbox/deliveries/{dead}"))["delivery"]!["status"]!.GetValue<string>() == "delivered",
            "the resent SMS is delivered");
        var detail = await DeliveryLogClient.GetAsync(admin, $"/api/outbox/deliveries/{dead}");
        Assert.Equal(["permanent", "delivered"], detail["attempts"]!.AsArray().Select(a => a!["outcome"]!.GetValue<string>()));
        Assert.Equal(2, detail["delivery"]!["attemptCount"]!.GetValue<long>());
        Assert.Equal(1, detail["delivery"]!["attempts"]!.GetValue<long>());
    }

    [Fact]
    public async Task Only_dead_letters_can_be_resent()
    {
        using var admin = await WorkspaceWithFourDeliveriesAsync();
        var delivered = (await DeliveryLogClient.GetAsync(admin, "/api/outbox/deliveries?status=delivered"))["items"]![0]!["id"]!.GetValue<string>();

        using var conflict = await admin.PostAsync($"/api/outbox/deliveries/{delivered}/resend", null);
        using var missing = await admin.PostAsync("/api/outbox/deliveries/no-such-delivery/resend", null);

        Assert.Equal("Only dead letters can be resent; this delivery is delivered.", (await Problem.ReadAsync(conflict, HttpStatusCode.Conflict))["title"]!.GetValue<string>());
        await Problem.ReadAsync(missing, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Every_member_reads_the_log_but_only_admins_resend()
    {
        using var admin = await WorkspaceWithFourDeliveriesAsync();
        var email = $"operator.{Guid.NewGuid():N}@example.com";
        using (var created = await admin.PostAsync("/api/workspaces/users", new { email, displayName = "Olive Operator", role = "Operator", password = "operator-password-1" }))
        {
            await ApiClient.ReadAsync(created, HttpStatusCode.Created);
        }
        using var operatorClient = host.App.CreateClient();
        operatorClient.WorkspaceId = admin.WorkspaceId;
        await operatorClient.SignInAsync(email, "operator-password-1");
        var dead = (await DeliveryLogClient.GetAsync(operatorClient, "/api/outbox/deliveries?status=dead"))["items"]![0]!["id"]!.GetValue<string>();

        using var refused = await operatorClient.PostAsync($"/api/outbox/deliveries/{dead}/resend", null);

        await Problem.ReadAsync(refused, HttpStatusCode.Forbidden);
        Assert.Equal(4, (await DeliveryLogClient.GetAsync(operatorClient, "/api/outbox/deliveries"))["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task Unknown_filters_are_a_400_naming_them()
    {
        using var admin = await host.App.AdminOfNewWorkspaceAsync();

        using var response = await admin.GetAsync("/api/outbox/deliveries?status=lost&page=0&pageSize=1000");

        Assert.Equal(["page", "pageSize", "status"], Problem.Fields(await Problem.ReadAsync(response, HttpStatusCode.BadRequest)));
    }
}

public sealed class DeliveryLogApiOnSqlite(OutboxHostOnSqlite host) : DeliveryLogApiTests(host), IClassFixture<OutboxHostOnSqlite>;

public sealed class DeliveryLogApiOnPostgreSql(OutboxHostOnPostgreSql host) : DeliveryLogApiTests(host), IClassFixture<OutboxHostOnPostgreSql>;
