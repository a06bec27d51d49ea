using Lookout.Plugins.Popups.Tests.Support;

namespace Lookout.Plugins.Popups.Tests;

public sealed class PopupChannelTests
{
    private readonly FakeOperatorConsole _console = new FakeOperatorConsole()
        .Member("w1", "ann", online: true)
        .Member("w1", "bob", online: true)
        .Member("w2", "carl", online: true);

    [Fact]
    public async Task The_workspace_address_reaches_every_operator_online_in_the_notifications_workspace_only()
    {
        var result = await new PopupChannel(_console).SendAsync(To("workspace"), CancellationToken.None);

        Assert.True(result.IsDelivered);
        var shown = Assert.Single(_console.Shown);
        Assert.Equal("w1", shown.WorkspaceId);
        Assert.Null(shown.UserIds);
        Assert.Equal(["ann", "bob"], shown.Reached);
    }

    [Fact]
    public async Task A_user_address_reaches_that_user_alone()
    {
        var result = await new PopupChannel(_console).SendAsync(To("user:bob"), CancellationToken.None);

        Assert.True(result.IsDelivered);
        Assert.Equal(["bob"], Assert.Single(_console.Shown).Reached);
    }

    [Fact]
    public async Task Nobody_online_in_the_workspace_is_a_transient_failure_so_the_outbox_tries_again()
    {
        var result = await new PopupChannel(_console).SendAsync(To("workspace") with { WorkspaceId = "w3" }, CancellationToken.None);

        Assert.Equal(DeliveryOutcome.TransientFailure, result.Outcome);
        Assert.Equal("No operator is online in this workspace.", result.Reason);
    }

    [Fact]
    public async Task A_user_of_another_workspace_is_a_permanent_failure()
    {
        var result = await new PopupChannel(_console).SendAsync(To("user:carl"), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.PermanentFailure, result.Outcome);
        Assert.Equal("User carl is not a member of this workspace.", result.Reason);
        Assert.Empty(Assert.Single(_console.Shown).Reached);
    }

    [Fact]
    public async Task A_notification_without_a_workspace_is_a_permanent_failure_and_shows_nothing()
    {
        var result = await new PopupChannel(_console).SendAsync(To("workspace") with { WorkspaceId = null }, CancellationToken.None);

        Assert.Equal(DeliveryOutcome.PermanentFailure, result.Outcome);
        Assert.Empty(_console.Shown);
    }

    [Fact]
    public async Task The_subject_is_the_title_and_the_text_body_the_text_with_the_notification_id_to_show_a_retry_once()
    {
        var notification = To("workspace") with { Subject = "Ann from Acme is back", TextBody = "On /pricing\nfor 2 minutes.", HtmlBody = "<b>ignored</b>" };

        await new PopupChannel(_console).SendAsync(notification, CancellationToken.None);

        var popup = Assert.Single(_console.Shown).Popup;
        Assert.Equal("Ann from Acme is back", popup.Title);
        Assert.Equal("On /pricing\nfor 2 minutes.", popup.Text);
        Assert.Equal(notification.Id, popup.Id);
        Assert.Equal(PopupSeverity.Info, popup.Severity);
        Assert.Null(popup.Link);
    }

    [Fact]
    public async Task A_long_subject_and_text_are_cut_to_what_a_popup_shows()
    {
        var notification = To("workspace") with { Subject = new string('s', 1000), TextBody = new string('t', 5000) };

        var result = await new PopupChannel(_console).SendAsync(notification, CancellationToken.None);

        Assert.True(result.IsDelivered);
        var popup = Assert.Single(_console.Shown).Popup;
        Assert.Equal(Popup.MaxTitleLength, popup.Title.Length);
        Assert.EndsWith("…", popup.Title, StringComparison.Ordinal);
        Assert.Equal(Popup.MaxTextLength, popup.Text.Length);
    }

    private static Notification To(string address) =>
        new($"n-{Guid.NewGuid():N}", Recipient.At(address), "Subject", "Text", null, []) { WorkspaceId = "w1" };
}
