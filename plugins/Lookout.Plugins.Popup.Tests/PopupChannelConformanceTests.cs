using Lookout.Plugins.Popups.Tests.Support;
using Lookout.Plugins.Testing;

namespace Lookout.Plugins.Popups.Tests;

/// <summary>The channel contract, for the popup channel: workspace <c>w1</c> has one member online, one offline and one that never answers.</summary>
public sealed class PopupChannelConformanceTests : ChannelConformance
{
    private readonly FakeOperatorConsole _console = new FakeOperatorConsole()
        .Member("w1", "online-user", online: true)
        .Member("w1", "offline-user", online: false)
        .Member("w1", FakeOperatorConsole.Hanging, online: true);

    protected override IEnumerable<string> BadAddresses =>
        ["", "someone@example.com", "+33612345678", "user:", "user:two words", "users:online-user", "workspace:w2", "Workspace", "https://example.com/hook"];

    protected override IChannel CreateChannel() => new PopupChannel(_console);

    protected override Notification NotificationTo(Recipient recipient) => base.NotificationTo(recipient) with { WorkspaceId = "w1" };

    protected override Task<Recipient> TargetAsync(TargetBehaviour behaviour) => Task.FromResult(Recipient.At(behaviour switch
    {
        TargetBehaviour.Accept => "user:online-user",
        TargetBehaviour.FailTransiently => "user:offline-user",
        TargetBehaviour.FailPermanently => "user:not-a-member",
        TargetBehaviour.Hang => $"user:{FakeOperatorConsole.Hanging}",
        _ => throw new ArgumentOutOfRangeException(nameof(behaviour)),
    }));

    protected override Task AssertReceivedAsync(Notification sent)
    {
        var shown = Assert.Single(_console.Shown, s => s.Popup.Id == sent.Id);
        Assert.Equal("w1", shown.WorkspaceId);
        Assert.Equal(["online-user"], shown.Reached);
        Assert.Equal(sent.Subject, shown.Popup.Title);
        Assert.Equal(sent.TextBody, shown.Popup.Text);
        return Task.CompletedTask;
    }
}
