using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Lookout.Kernel.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lookout.Visitors.Tracking;

/// <summary>
/// A row the visitor grains hand to the log: a page view (when it opens, and again with its dwell when it is finished),
/// a visit (upserted), a custom event.
/// </summary>
public abstract record TrackingRecord(string SiteId, string VisitorId);

public sealed record PageViewRecord(string SiteId, string VisitorId, string PageId, int VisitNumber, string Url, string? Title, string? Referrer, DateTimeOffset EnteredAt, long DwellMs)
    : TrackingRecord(SiteId, VisitorId);

public sealed record VisitRecord(
    string SiteId, string VisitorId, int Number, string WorkspaceId, DateTimeOffset StartedAt, DateTimeOffset LastActivityAt,
    string? EntryUrl, string? Referrer, string? SearchEngine, string? SearchKeywords,
    string? UtmSource, string? UtmMedium, string? UtmCampaign, string? UtmTerm, string? UtmContent,
    string? Ip, string? CountryCode, string? CountryName, string? City, string? Organization,
    string? Device, string? Browser, string? Os, int PageViews) : TrackingRecord(SiteId, VisitorId);

public sealed record CustomEventRecord(string SiteId, string VisitorId, int VisitNumber, DateTimeOffset At, string Name, IReadOnlyDictionary<string, string> Props)
    : TrackingRecord(SiteId, VisitorId);

/// <summary>
/// Appends tracking rows in batches: grains never wait for the database. A background loop collects what arrives
/// for up to <see cref="Linger"/> (or <see cref="MaxBatch"/> rows) and writes it in one transaction; on shutdown,
/// after the grains have deactivated and handed over their open pages, the rest is written.
/// </summary>
/// <remarks>
/// Page views land at random places of their index, one visitor's here, the next one's there, so a transaction
/// writes about one database page per row when it holds few rows. Rows gathered over a second share pages, and
/// written in key order they are found in cache (bench/README.md); history shows a page view at most that much later.
/// </remarks>
public sealed partial class TrackingLog(LookoutDatabase database, ILogger<TrackingLog> logger) : IHostedLifecycleService
{
    public static readonly TimeSpan Linger = TimeSpan.FromSeconds(1);
    public const int MaxBatch = 50_000;
    private const int MaxAttempts = 3;
    private readonly Channel<TrackingRecord> _records = Channel.CreateUnbounded<TrackingRecord>(new UnboundedChannelOptions { SingleReader = true });
    // Completed by a flush (or shutdown) so that the writer stops lingering and writes now; the writer puts a new one
    // in place before each look at the channel, so a flush that comes after the look always wakes it.
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _writer;

    public void Append(TrackingRecord record) => _records.Writer.TryWrite(record);

    /// <summary>Writes everything appended so far without waiting out <see cref="Linger"/>, and waits until it is written (tests and shutdown).</summary>
    public async Task FlushAsync()
    {
        var done = new FlushMarker();
        _records.Writer.TryWrite(done);
        Volatile.Read(ref _wake).TrySetResult();
        await done.Written.Task.ConfigureAwait(false);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _writer = Task.Run(WriteLoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Runs after the grain runtime stopped (the kernel stops in its StoppedAsync, registered after this service).
    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        _records.Writer.TryComplete();
        Volatile.Read(ref _wake).TrySetResult();
        if (_writer is not null)
        {
            await _writer.ConfigureAwait(false);
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<TrackingRecord>();
        var reader = _records.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var lingerEnds = Environment.TickCount64 + (long)Linger.TotalMilliseconds;
            FlushMarker? flush = null; // rows after a flush wait for the next transaction
            while (true)
            {
                var wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref _wake, wake);
                while (flush is null && batch.Count < MaxBatch && reader.TryRead(out var record))
                {
                    if (record is FlushMarker marker)
                    {
                        flush = marker;
                    }
                    else
                    {
                        batch.Add(record);
                    }
                }
                var left = lingerEnds - Environment.TickCount64;
                if (flush is not null || batch.Count >= MaxBatch || left <= 0 || reader.Completion.IsCompleted)
                {
                    break;
                }
                await Task.WhenAny(wake.Task, Task.Delay(TimeSpan.FromMilliseconds(left))).ConfigureAwait(false);
            }
            if (batch.Count > 0)
            {
                await WriteWithRetriesAsync(batch).ConfigureAwait(false);
                batch.Clear();
            }
            flush?.Written.TrySetResult();
        }
    }

    // A passing fault (database restarting, a lock timeout) should not cost accepted events: a few tries, then logged.
    private async Task WriteWithRetriesAsync(List<TrackingRecord> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await database.WriteAsync((connection, transaction) => WriteAsync(connection, transaction, batch)).ConfigureAwait(false);
                return;
            }
#pragma warning disable CA1031 // the loop must go on with the next batch whatever failed
            catch (Exception exception)
#pragma warning restore CA1031
            {
                if (attempt == MaxAttempts)
                {
                    LogWriteFailed(batch.Count, exception);
                    return;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt)).ConfigureAwait(false);
            }
        }
    }

    private static async Task WriteAsync(DbConnection connection, DbTransaction transaction, List<TrackingRecord> batch)
    {
        // In primary-key order (a stable sort: the copies of one page view stay in the order they came), the batch walks
        // the index from one end to the other, so the pages it changes stay cached between rows instead of being
        // fetched at random for each one. Ordinal is SQLite's order and close to PostgreSQL's for these ids.
        var pageViews = batch.OfType<PageViewRecord>().Order(PageViewKeyOrder.Instance).ToList();
        if (pageViews.Count > 0)
        {
            await InsertRowsAsync(connection, transaction, 9,
                "INSERT INTO vi_page_views (site_id, visitor_id, page_id, visit_number, url, title, referrer, entered_at, dwell_ms) VALUES ({0})"
                // A page view comes when it opens and again when it is finished: the longest dwell is the one that counts.
                + " ON CONFLICT (site_id, visitor_id, page_id) DO UPDATE SET dwell_ms = excluded.dwell_ms WHERE excluded.dwell_ms > vi_page_views.dwell_ms",
                pageViews.Select(p => new object?[] { p.SiteId, p.VisitorId, p.PageId, p.VisitNumber, p.Url, p.Title, p.Referrer, p.EnteredAt.ToUnixTimeMilliseconds(), p.DwellMs })).ConfigureAwait(false);
        }
        // The last state of each visit in the batch is the one that counts.
        var visits = batch.OfType<VisitRecord>().GroupBy(v => (v.SiteId, v.VisitorId, v.Number)).Select(g => g.Last()).ToList();
        if (visits.Count > 0)
        {
            await InsertRowsAsync(connection, transaction, 24,
                "INSERT INTO vi_visits (site_id, visitor_id, number, workspace_id, started_at, last_activity_at, entry_url, referrer, search_engine, search_keywords, utm_source, utm_medium, utm_campaign, utm_term, utm_content, ip, country_code, country_name, city, organization, device, browser, os, page_views) VALUES ({0})"
                + " ON CONFLICT (site_id, visitor_id, number) DO UPDATE SET last_activity_at = excluded.last_activity_at, page_views = excluded.page_views",
                visits.Select(v => new object?[]
                {
                    v.SiteId, v.VisitorId, v.Number, v.WorkspaceId, v.StartedAt.ToUnixTimeMilliseconds(), v.LastActivityAt.ToUnixTimeMilliseconds(),
                    v.EntryUrl, v.Referrer, v.SearchEngine, v.SearchKeywords, v.UtmSource, v.UtmMedium, v.UtmCampaign, v.UtmTerm, v.UtmContent,
                    v.Ip, v.CountryCode, v.CountryName, v.City, v.Organization, v.Device, v.Browser, v.Os, v.PageViews,
                })).ConfigureAwait(false);
        }
        var events = batch.OfType<CustomEventRecord>().ToList();
        if (events.Count > 0)
        {
            await InsertRowsAsync(connection, transaction, 6,
                "INSERT INTO vi_events (site_id, visitor_id, visit_number, at, name, props) VALUES ({0})",
                events.Select(e => new object?[] { e.SiteId, e.VisitorId, e.VisitNumber, e.At.ToUnixTimeMilliseconds(), e.Name, JsonSerializer.Serialize(e.Props) })).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One single-row statement run for every row (<see cref="RowStatements"/>); the rows are made as they are
    /// bound, so a batch's values never all live at once.
    /// </summary>
    private static Task<int> InsertRowsAsync(DbConnection connection, DbTransaction transaction, int columns, string insert, IEnumerable<object?[]> rows) =>
        RowStatements.ExecuteEachAsync(connection, transaction,
            string.Format(CultureInfo.InvariantCulture, insert, RowStatements.Placeholders(columns)), columns, rows, CancellationToken.None);

    private sealed class PageViewKeyOrder : IComparer<PageViewRecord>
    {
        public static readonly PageViewKeyOrder Instance = new();

        public int Compare(PageViewRecord? x, PageViewRecord? y)
        {
            var order = string.CompareOrdinal(x!.SiteId, y!.SiteId);
            if (order == 0)
            {
                order = string.CompareOrdinal(x.VisitorId, y.VisitorId);
            }
            return order != 0 ? order : string.CompareOrdinal(x.PageId, y.PageId);
        }
    }

    private sealed record FlushMarker() : TrackingRecord("", "")
    {
        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing {Count} tracking rows failed after retries; they are lost")]
    private partial void LogWriteFailed(int count, Exception exception);
}
