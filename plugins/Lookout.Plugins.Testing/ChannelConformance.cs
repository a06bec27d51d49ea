using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit;

namespace Lookout.Plugins.Testing;

/// <summary>
/// The contract every channel keeps, as xunit tests: inherit this class in a channel's test class, say how to create
/// the channel and how to make its target accept, fail or hang, and the tests below run for that channel.
/// </summary>
/// <remarks>
/// The contract: a delivery the target accepted is <see cref="DeliveryOutcome.Delivered"/>; a failure is reported
/// (transient or permanent, with a reason), never thrown; a bad address is a permanent failure; a cancelled attempt
/// ends promptly with <see cref="OperationCanceledException"/>.
/// </remarks>
public abstract partial class ChannelConformance
{
    /// <summary>How long a cancelled attempt may take to end.</summary>
    protected virtual TimeSpan CancellationGrace => TimeSpan.FromSeconds(5);

    /// <summary>Addresses this channel cannot deliver to (malformed, of another kind, empty); each must be a permanent failure.</summary>
    protected abstract IEnumerable<string> BadAddresses { get; }

    /// <summary>Creates the channel under test, configured to reach the targets <see cref="TargetAsync"/> prepares.</summary>
    protected abstract IChannel CreateChannel();

    /// <summary>Prepares a target that answers as <paramref name="behaviour"/> says, and returns the recipient that reaches it.</summary>
    protected abstract Task<Recipient> TargetAsync(TargetBehaviour behaviour);

    /// <summary>Asserts that the accepting target received <paramref name="sent"/> (its subject and text body at least).</summary>
    protected abstract Task AssertReceivedAsync(Notification sent);

    /// <summary>A notification to <paramref name="recipient"/> with a unique id, a subject, text and HTML bodies and no attachments.</summary>
    protected virtual Notification NotificationTo(Recipient recipient) => new(
        $"conformance-{Guid.NewGuid():N}",
        recipient,
        "Ann Smith from Acme is on the pricing page",
        "Ann Smith (ann@acme.example) has been on /pricing for 2 minutes.",
        "<p>Ann Smith (ann@acme.example) has been on <b>/pricing</b> for 2 minutes.</p>",
        []);

    [Fact]
    public void The_channel_has_a_lower_case_name()
    {
        Assert.Matches(ChannelName(), CreateChannel().Name);
    }

    [Fact]
    public async Task A_notification_the_target_accepts_is_delivered()
    {
        var channel = CreateChannel();
        var notification = NotificationTo(await TargetAsync(TargetBehaviour.Accept));

        var result = await channel.SendAsync(notification, CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        await AssertReceivedAsync(notification);
    }

    [Fact]
    public async Task A_target_failing_transiently_is_a_transient_failure_with_a_reason()
    {
        var channel = CreateChannel();

        var result = await channel.SendAsync(NotificationTo(await TargetAsync(TargetBehaviour.FailTransiently)), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.TransientFailure, result.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
    }

    [Fact]
    public async Task A_target_refusing_is_a_permanent_failure_with_a_reason()
    {
        var channel = CreateChannel();

        var result = await channel.SendAsync(NotificationTo(await TargetAsync(TargetBehaviour.FailPermanently)), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.PermanentFailure, result.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
    }

    [Fact]
    public async Task Cancelling_an_attempt_to_a_target_that_hangs_ends_it_promptly()
    {
        var channel = CreateChannel();
        var notification = NotificationTo(await TargetAsync(TargetBehaviour.Hang));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => channel.SendAsync(notification, cancellation.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(300) + CancellationGrace, $"The attempt took {clock.Elapsed} to end after cancellation.");
    }

    [Fact]
    public async Task An_attempt_already_cancelled_does_not_deliver()
    {
        var channel = CreateChannel();
        var notification = NotificationTo(await TargetAsync(TargetBehaviour.Accept));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => channel.SendAsync(notification, new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task A_bad_address_is_a_permanent_failure_not_an_exception()
    {
        var channel = CreateChannel();
        var template = await TargetAsync(TargetBehaviour.Accept);
        var addresses = BadAddresses.ToList();
        Assert.NotEmpty(addresses);

        foreach (var address in addresses)
        {
            var result = await channel.SendAsync(NotificationTo(template with { Address = address }), CancellationToken.None);

            Assert.True(result.Outcome == DeliveryOutcome.PermanentFailure, $"'{address}' gave {result.Outcome} ({result.Reason}).");
            Assert.False(string.IsNullOrWhiteSpace(result.Reason));
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,49}$")]
    private static partial Regex ChannelName();
}
