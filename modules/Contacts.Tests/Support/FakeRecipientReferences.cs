using System.Collections.Concurrent;
using Lookout.Contacts.Contracts;

namespace Lookout.Contacts.Tests.Support;

/// <summary>Stands in for the triggers and wizard alerts (not built yet) that will name contacts and lists as recipients.</summary>
public sealed class FakeRecipientReferences : IRecipientReferences
{
    private readonly ConcurrentDictionary<(string WorkspaceId, RecipientTarget Target), List<RecipientReference>> _references = new();

    /// <summary>Makes <paramref name="reference"/> name <paramref name="target"/>.</summary>
    public void Name(string workspaceId, RecipientTarget target, RecipientReference reference) =>
        _references.AddOrUpdate((workspaceId, target), _ => [reference], (_, list) => [.. list, reference]);

    public Task<IReadOnlyList<RecipientReference>> FindAsync(string workspaceId, RecipientTarget target, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<RecipientReference>>(_references.TryGetValue((workspaceId, target), out var found) ? found : []);

    public Task RemoveAsync(string workspaceId, RecipientTarget target, CancellationToken ct)
    {
        _references.TryRemove((workspaceId, target), out _);
        return Task.CompletedTask;
    }
}
