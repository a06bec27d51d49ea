namespace Lookout.Visitors.Collect;

/// <summary>Ingestion settings (<c>Collect</c> section).</summary>
public sealed class CollectOptions
{
    public const string Section = "Collect";

    /// <summary>Peers whose X-Forwarded-For is believed (IPs or CIDRs, e.g. <c>10.0.0.0/8</c>).</summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Requests per client IP per minute.</summary>
    public int RequestsPerIpPerMinute { get; set; } = 600;

    /// <summary>Requests per site per minute.</summary>
    public int RequestsPerSitePerMinute { get; set; } = 120_000;

    /// <summary>Track visitors whose user agent is a bot (off: bots are counted and dropped).</summary>
    public bool TrackBots { get; set; }
}
