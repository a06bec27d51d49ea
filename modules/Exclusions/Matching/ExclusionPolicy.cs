using System.Collections.Concurrent;
using Lookout.Exclusions.Contracts;
using Lookout.Exclusions.Hits;
using Lookout.Exclusions.Exclusions;
using Microsoft.Extensions.Logging;

namespace Lookout.Exclusions.Matching;

/// <summary>
/// Answers from each workspace's <see cref="ExclusionRules"/>, compiled on first use and kept until the workspace's
/// exclusions change (<see cref="ExclusionsChanged"/>). A match counts a hit in memory.
/// </summary>
internal sealed partial class ExclusionPolicy(ExclusionStore store, HitCounter hits, ILogger<ExclusionPolicy> logger) : IExclusionPolicy
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ExclusionRules>>> _rules = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _compilations = new(StringComparer.Ordinal);

    public ValueTask<ExclusionMatch?> MatchAsync(ExclusionSubject subject, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var rules = RulesOf(subject.WorkspaceId);
        return rules.IsCompletedSuccessfully ? new(Hit(rules.Result.Find(subject))) : MatchWhenCompiledAsync(rules, subject, ct);
    }

    /// <summary>The exclusion that would leave the subject out, without counting a hit (the admin's test box).</summary>
    public async Task<CompiledExclusion?> FindAsync(ExclusionSubject subject, CancellationToken cancellationToken) =>
        (await RulesOf(subject.WorkspaceId).WaitAsync(cancellationToken)).Find(subject);

    /// <summary>Drops the workspace's compiled rules; the next match compiles them again.</summary>
    public void Invalidate(string workspaceId) => _rules.TryRemove(workspaceId, out _);

    /// <summary>Drops every workspace's compiled rules.</summary>
    public void InvalidateAll() => _rules.Clear();

    /// <summary>How many times the workspace's rules were compiled.</summary>
    internal int CompilationsOf(string workspaceId) => _compilations.GetValueOrDefault(workspaceId);

    private async ValueTask<ExclusionMatch?> MatchWhenCompiledAsync(Task<ExclusionRules> rules, ExclusionSubject subject, CancellationToken ct) =>
        Hit((await rules.WaitAsync(ct)).Find(subject));

    private ExclusionMatch? Hit(CompiledExclusion? found)
    {
        if (found is null)
        {
            return null;
        }
        hits.Record(found.Hits);
        return found.Match;
    }

    private Task<ExclusionRules> RulesOf(string workspaceId)
    {
        if (!_rules.TryGetValue(workspaceId, out var entry))
        {
            entry = _rules.GetOrAdd(workspaceId, id => new Lazy<Task<ExclusionRules>>(() => CompileAsync(id)));
        }
        var task = entry.Value;
        if (task.IsFaulted || task.IsCanceled)
        {
            // Not kept: the next event tries again.
            _rules.TryRemove(KeyValuePair.Create(workspaceId, entry));
        }
        return task;
    }

    private async Task<ExclusionRules> CompileAsync(string workspaceId)
    {
        // Shared by every waiting event, so no single caller's cancellation applies.
        var exclusions = await store.ListAsync(workspaceId, siteId: null, CancellationToken.None);
        var rules = ExclusionRules.Compile(exclusions, hits);
        _compilations.AddOrUpdate(workspaceId, 1, (_, count) => count + 1);
        foreach (var invalid in rules.Invalid)
        {
            LogInvalid(invalid.Id, workspaceId);
        }
        return rules;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Exclusion {ExclusionId} of workspace {WorkspaceId} has a pattern that no longer parses; it is not applied")]
    private partial void LogInvalid(string exclusionId, string workspaceId);
}
