using System.Collections.Concurrent;

namespace Lookout.Plugins.Popups.Tests.Support;

/// <summary>
/// An operators' console whose workspaces and online members the test sets; it records every popup shown. A user
/// named <see cref="Hanging"/> never answers, so that only cancellation ends the attempt.
/// </summary>
internal sealed class FakeOperatorConsole : IOperatorConsole
{
    public const string Hanging = "hanging-user";

    private readonly Dictionary<string, HashSet<string>> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _online = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string WorkspaceId, IReadOnlyCollection<string>? UserIds, Popup Popup, IReadOnlyList<string> Reached)> Shown { get; } = new();

    /// <summary>Makes <paramref name="userId"/> a member of the workspace, online or not.</summary>
    public FakeOperatorConsole Member(string workspaceId, string userId, bool online)
    {
        Set(_members, workspaceId).Add(userId);
        if (online)
        {
            Set(_online, workspaceId).Add(userId);
        }
        return this;
    }

    public async Task<PopupResult> ShowAsync(string workspaceId, IReadOnlyCollection<string>? userIds, Popup popup, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (userIds is not null && userIds.Contains(Hanging))
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        var online = Set(_online, workspaceId);
        var reached = (userIds is null ? online : online.Intersect(userIds)).Order(StringComparer.Ordinal).ToList();
        var unknown = (userIds ?? []).Except(Set(_members, workspaceId)).ToList();
        Shown.Enqueue((workspaceId, userIds, popup, reached));
        return new PopupResult(reached, unknown);
    }

    private static HashSet<string> Set(Dictionary<string, HashSet<string>> sets, string workspaceId)
    {
        if (!sets.TryGetValue(workspaceId, out var set))
        {
            sets[workspaceId] = set = new(StringComparer.Ordinal);
        }
        return set;
    }
}
