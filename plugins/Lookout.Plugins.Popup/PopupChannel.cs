using System.Text.RegularExpressions;

namespace Lookout.Plugins.Popups;

/// <summary>
/// Shows a notification as a popup to operators who have the admin app open in the notification's workspace. The
/// recipient's address is <c>workspace</c> (every operator online there) or <c>user:&lt;id&gt;</c> (that user, when
/// online there). The subject is the title and the text body the text; HTML bodies and attachments are not shown.
/// </summary>
/// <remarks>
/// No one online is a transient failure, so that the outbox tries again later; an address of another kind, or a user
/// who is not a member of the workspace, is permanent.
/// </remarks>
public sealed partial class PopupChannel(IOperatorConsole console) : IChannel
{
    /// <summary>The address that reaches every operator online in the workspace.</summary>
    public const string Workspace = "workspace";

    /// <summary>What starts the address of one user: <c>user:&lt;id&gt;</c>.</summary>
    public const string UserPrefix = "user:";

    public string Name => "popup";

    public async Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        cancellationToken.ThrowIfCancellationRequested();
        if (string.IsNullOrEmpty(notification.WorkspaceId))
        {
            return DeliveryResult.Permanent("A popup needs the notification's workspace, and this one has none.");
        }
        var address = notification.Recipient.Address;
        IReadOnlyCollection<string>? userIds;
        if (address == Workspace)
        {
            userIds = null;
        }
        else if (address.StartsWith(UserPrefix, StringComparison.Ordinal) && UserId().IsMatch(address[UserPrefix.Length..]))
        {
            userIds = [address[UserPrefix.Length..]];
        }
        else
        {
            return DeliveryResult.Permanent($"'{address}' is not a popup address: use '{Workspace}' or '{UserPrefix}<user id>'.");
        }

        var popup = new Popup(Title(notification.Subject), Shorten(notification.TextBody, Popup.MaxTextLength), id: notification.Id.Length <= Popup.MaxIdLength ? notification.Id : null);
        var result = await console.ShowAsync(notification.WorkspaceId, userIds, popup, cancellationToken);
        if (result.UnknownUserIds.Count > 0)
        {
            return DeliveryResult.Permanent($"User {result.UnknownUserIds[0]} is not a member of this workspace.");
        }
        return result.OperatorsReached > 0
            ? DeliveryResult.Delivered
            : DeliveryResult.Transient(userIds is null ? "No operator is online in this workspace." : $"User {userIds.First()} is not online.");
    }

    private static string Title(string subject)
    {
        var line = subject.ReplaceLineEndings(" ").Trim();
        return Shorten(line.Length == 0 ? "Lookout" : line, Popup.MaxTitleLength);
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex UserId();
}
