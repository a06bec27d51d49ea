using System.Collections.Concurrent;
using System.Globalization;
using Lookout.Kernel.Grains;

namespace Lookout.Bench;

/// <summary>Grain state in a dictionary, with the ETag rules of the SQL storage, so that the database is not measured.</summary>
internal sealed class InMemoryGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<(string Type, string Key), GrainStateRecord> _records = new();
    private long _version;

    public Task<GrainStateRecord?> ReadAsync(string grainType, string grainKey, CancellationToken cancellationToken) =>
        Task.FromResult(_records.GetValueOrDefault((grainType, grainKey)));

    public Task<string> WriteAsync(string grainType, string grainKey, string? expectedEtag, string payload, CancellationToken cancellationToken)
    {
        var id = (grainType, grainKey);
        var record = new GrainStateRecord(Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture), payload);
        var written = expectedEtag is null
            ? _records.TryAdd(id, record)
            : _records.TryGetValue(id, out var current) && current.Etag == expectedEtag && _records.TryUpdate(id, record, current);
        return written ? Task.FromResult(record.Etag) : throw new InconsistentStateException($"{grainType}/{grainKey} is not at ETag '{expectedEtag}'.");
    }

    public Task ClearAsync(string grainType, string grainKey, string? expectedEtag, CancellationToken cancellationToken)
    {
        var id = (grainType, grainKey);
        if (expectedEtag is not null
            && !(_records.TryGetValue(id, out var current) && current.Etag == expectedEtag && _records.TryRemove(KeyValuePair.Create(id, current))))
        {
            throw new InconsistentStateException($"{grainType}/{grainKey} is not at ETag '{expectedEtag}'.");
        }
        return Task.CompletedTask;
    }
}

/// <summary>The runs register no reminders; polling finds none.</summary>
internal sealed class NoReminders : IReminderTable
{
    public Task UpsertAsync(string grainType, string grainKey, string name, DateTimeOffset firstDue, TimeSpan period, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The benchmark registers no reminders.");

    public Task DeleteAsync(string grainType, string grainKey, string name, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<DueReminder>> ClaimDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DueReminder>>([]);
}
