using System.Buffers;
using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;
using Lookout.Kernel.Http;
using Lookout.Kernel.Orleans;
using Lookout.Visitors.Enrichment;
using Lookout.Visitors.Grains;
using Lookout.Workspaces.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Orleans;
using Orleans.Runtime;

namespace Lookout.Visitors.Collect;

/// <summary>
/// <c>POST /collect</c>: checks size, rate, site key and Origin, stamps server time and client IP, answers 202 and
/// hands the batch to the visitor's grain. Every refusal is counted by reason; nothing here answers 500 for bad input.
/// </summary>
public sealed partial class CollectEndpoint : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly ISiteDirectory _sites;
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _clock;
    private readonly CollectOptions _options;
    private readonly TrustedProxies _proxies;
    private readonly ILogger<CollectEndpoint> _logger;
    private readonly MemoryPressure _memory;
    private readonly PartitionedRateLimiter<string> _perIp;
    private readonly PartitionedRateLimiter<string> _perSite;
    private readonly Meter _meter;
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _rejected;
    private long _tracksInFlight;

    public CollectEndpoint(ISiteDirectory sites, IGrainFactory grains, TimeProvider clock, IOptions<CollectOptions> options, IMeterFactory meters, MemoryPressure memory, ILogger<CollectEndpoint> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meters);
        _sites = sites;
        _grains = grains;
        _clock = clock;
        _options = options.Value;
        _proxies = TrustedProxies.Parse(_options.TrustedProxies);
        _logger = logger;
        _memory = memory;
        _perIp = Limiter(_options.RequestsPerIpPerMinute);
        _perSite = Limiter(_options.RequestsPerSitePerMinute);
        _meter = meters.Create("Lookout.Collect");
        _accepted = _meter.CreateCounter<long>("lookout.collect.events", description: "Events accepted by /collect.");
        _rejected = _meter.CreateCounter<long>("lookout.collect.rejected", description: "Requests /collect refused, by reason.");
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        // Tracked sites' browsers: nobody is signed in here, so the cookie is not even read.
        endpoints.MapMethods("/collect", [HttpMethods.Options], Preflight).ExcludeFromDescription().WithoutAuthentication();
        endpoints.MapPost("/collect", (HttpContext http, CollectEndpoint endpoint) => endpoint.HandleAsync(http)).ExcludeFromDescription().WithoutAuthentication();
    }

    // Only a body of application/json needs a preflight (lookout.js sends text/plain); the POST itself is checked.
    private static IResult Preflight(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers[HeaderNames.AccessControlAllowOrigin] = http.Request.Headers.Origin.ToString() is { Length: > 0 } origin ? origin : "*";
        headers[HeaderNames.AccessControlAllowMethods] = "POST";
        headers[HeaderNames.AccessControlAllowHeaders] = "Content-Type";
        headers[HeaderNames.AccessControlMaxAge] = "86400";
        headers[HeaderNames.Vary] = "Origin";
        return Results.NoContent();
    }

    public async Task<IResult> HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var receivedAt = _clock.GetUtcNow();
        var ip = http.Connection.RemoteIpAddress is { } peer ? _proxies.ClientAddress(peer, http.Request.Headers["X-Forwarded-For"]) : null;
        var ipText = ip?.ToString() ?? "unknown";
        using var ipLease = _perIp.AttemptAcquire(ipText);
        if (!ipLease.IsAcquired)
        {
            return Refuse("rate_ip", StatusCodes.Status429TooManyRequests, "Too many requests from this address.");
        }
        if (_memory.IsCritical)
        {
            // A flood outran activation shedding: refusing one batch beats running out of memory with all of them.
            http.Response.Headers[HeaderNames.RetryAfter] = "5";
            return Refuse("overloaded", StatusCodes.Status503ServiceUnavailable, "This host is short of memory; try again in a few seconds.");
        }
        if (http.Request.ContentLength > CollectParser.MaxBodyBytes)
        {
            return Refuse("too_large", StatusCodes.Status413PayloadTooLarge, $"Bodies are at most {CollectParser.MaxBodyBytes} bytes.");
        }
        var buffer = ArrayPool<byte>.Shared.Rent(CollectParser.MaxBodyBytes + 1);
        RawBatch raw;
        try
        {
            var length = await ReadBodyAsync(http.Request.Body, buffer, http.RequestAborted);
            if (length > CollectParser.MaxBodyBytes)
            {
                return Refuse("too_large", StatusCodes.Status413PayloadTooLarge, $"Bodies are at most {CollectParser.MaxBodyBytes} bytes.");
            }
            if (!CollectParser.TryParse(buffer.AsMemory(0, length), receivedAt, out raw, out var error))
            {
                return Refuse("malformed", StatusCodes.Status400BadRequest, error);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        var site = await _sites.FindByKeyAsync(raw.SiteKey, http.RequestAborted);
        if (site is null)
        {
            return Refuse("unknown_site", StatusCodes.Status404NotFound, "No site has this key.");
        }
        var origin = http.Request.Headers.Origin.ToString();
        if (!OriginAllowed(origin, site, http.Request))
        {
            return Refuse("bad_origin", StatusCodes.Status403Forbidden, "This origin is not allowed for the site.");
        }
        http.Response.Headers[HeaderNames.AccessControlAllowOrigin] = origin;
        http.Response.Headers[HeaderNames.Vary] = "Origin";
        using var siteLease = _perSite.AttemptAcquire(site.Id);
        if (!siteLease.IsAcquired)
        {
            return Refuse("rate_site", StatusCodes.Status429TooManyRequests, "Too many requests for this site.");
        }

        var userAgent = http.Request.Headers.UserAgent.ToString();
        if (!_options.TrackBots && UserAgentInfo.Parse(userAgent).IsBot)
        {
            _rejected.Add(1, new KeyValuePair<string, object?>("reason", "bot"));
            return Results.StatusCode(StatusCodes.Status202Accepted);
        }
        // Stored as text; an anonymised address only ever leaves this method zeroed.
        var storedIp = ip is null ? null : site.AnonymizeIp ? IpAnonymizer.Anonymize(ip).ToString() : ipText;
        var context = new CollectContext(receivedAt, storedIp, userAgent.Length > 512 ? userAgent[..512] : userAgent, origin);
        var batch = new CollectBatch(site.Id, site.WorkspaceId, raw.VisitorId, context, raw.Events);
        _ = TrackAsync(_grains.GetGrain<IVisitorGrain>($"{site.Id}:{raw.VisitorId}"), batch);
        _accepted.Add(raw.Events.Count);
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    /// <summary>Batches answered 202 whose grain call has not returned yet (the benchmark waits for none to be left).</summary>
    public long TracksInFlight => Interlocked.Read(ref _tracksInFlight);

    /// <summary>
    /// A graceful stop loses no accepted batch: the web server has stopped taking requests by the time the silo stops,
    /// and the silo's first stop stage waits here until the batches already answered 202 have reached their grains,
    /// before grains are deactivated and calls refused.
    /// </summary>
    public void Participate(ISiloLifecycle observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        observer.Subscribe(nameof(CollectEndpoint), ServiceLifecycleStage.Active, _ => Task.CompletedTask, DrainAsync);
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (TracksInFlight > 0 && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), _clock, CancellationToken.None);
        }
    }

    /// <summary>
    /// The batch was accepted (202): it reaches its grain even when the host holding the grain has just died. Until the
    /// cluster declares that host dead (seconds) calls to its grains fail; after it, the grain activates on a live host.
    /// A page view sent twice is counted once, so a retry of a call that did arrive costs nothing.
    /// </summary>
    private async Task TrackAsync(IVisitorGrain visitor, CollectBatch batch)
    {
        Interlocked.Increment(ref _tracksInFlight);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await visitor.Track(batch);
                    return;
                }
                catch (Exception exception) when (attempt < TrackRetryDelays.Length && IsTransient(exception))
                {
                    LogTrackRetried(batch.SiteId, attempt + 1, exception);
                    await Task.Delay(TrackRetryDelays[attempt], _clock);
                }
            }
        }
#pragma warning disable CA1031 // the request was answered already: a failure can only be logged
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogTrackFailed(batch.SiteId, exception);
        }
        finally
        {
            Interlocked.Decrement(ref _tracksInFlight);
        }
    }

    private static readonly TimeSpan[] TrackRetryDelays =
        [TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(15)];

    private static bool IsTransient(Exception exception) =>
        exception is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException;

    /// <summary>The site's allowed origins, plus the host's own pages (the demo site is served from here).</summary>
    private static bool OriginAllowed(string origin, SiteInfo site, HttpRequest request) =>
        origin.Length > 0
        && (site.AllowedOrigins.Contains(origin.ToLowerInvariant(), StringComparer.Ordinal)
            || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads at most one byte past the limit, so an oversized body without Content-Length is caught too.</summary>
    private static async Task<int> ReadBodyAsync(Stream body, byte[] buffer, CancellationToken cancellationToken)
    {
        var length = 0;
        int read;
        while (length <= CollectParser.MaxBodyBytes
            && (read = await body.ReadAsync(buffer.AsMemory(length, CollectParser.MaxBodyBytes + 1 - length), cancellationToken)) > 0)
        {
            length += read;
        }
        return length;
    }

    private IResult Refuse(string reason, int status, string detail)
    {
        _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));
        return Results.Problem(title: "The request was refused.", detail: detail, statusCode: status);
    }

    private static PartitionedRateLimiter<string> Limiter(int perMinute)
    {
        // The partitioner runs for every request: its option factory is made once, not per call.
        var options = new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, perMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };
        Func<string, RateLimiter> create = _ => new FixedWindowRateLimiter(options);
        return PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.Get(key, create));
    }

    public void Dispose()
    {
        _perIp.Dispose();
        _perSite.Dispose();
        _meter.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tracking a batch of site {SiteId} is tried again ({Attempt})")]
    private partial void LogTrackRetried(string siteId, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tracking a batch of site {SiteId} failed")]
    private partial void LogTrackFailed(string siteId, Exception exception);
}
