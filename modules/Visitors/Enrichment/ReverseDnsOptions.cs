namespace Lookout.Visitors.Enrichment;

/// <summary>Reverse DNS of visitors' addresses (<c>ReverseDns</c> section); off unless enabled.</summary>
public sealed class ReverseDnsOptions
{
    public const string Section = "ReverseDns";

    /// <summary>Whether to look host names up at all. Off by default: it sends every visitor's address to the resolver.</summary>
    public bool Enabled { get; set; }

    /// <summary>A lookup that takes longer gives up (and is retried after <see cref="FailureRetryAfter"/>).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a found name (or a definite "no name") is kept before it is looked up again.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long after a failed lookup (timeout, resolver error) an address is tried again.</summary>
    public TimeSpan FailureRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Addresses remembered at most; past it, new addresses wait until expired ones are swept out.</summary>
    public int CacheCapacity { get; set; } = 50_000;

    /// <summary>Lookups running at once; more are dropped and retried on a later visit.</summary>
    public int MaxConcurrentLookups { get; set; } = 8;
}
