namespace Lookout.Kernel.Orleans;

/// <summary>How this host joins its cluster and keeps its grains (<c>Orleans</c> section).</summary>
public sealed class SiloOptions
{
    public const string Section = "Orleans";

    /// <summary>Hosts with the same database and cluster id form one cluster.</summary>
    public string ClusterId { get; set; } = "lookout";

    /// <summary>Names the installation: grain state and reminders are kept under it, across cluster restarts.</summary>
    public string ServiceId { get; set; } = "lookout";

    /// <summary>Where the other hosts reach this one.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Where Orleans clients reach this host (Lookout's own hosts need none; tools such as the dashboard may).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other hosts use for this one; default: loopback on SQLite, this machine's first address on PostgreSQL.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>A grain with no call for this long leaves memory (its state written first).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Memory in use, in percent of what the process may use (the machine's, a container's or
    /// <c>DOTNET_GCHeapHardLimit</c>), above which the silo deactivates its least recently used grains (a flood of new
    /// visitors would otherwise grow the process until the idle timeout collects them). 0 turns shedding off.
    /// </summary>
    public int MemoryLimitPercent { get; set; } = 80;

    /// <summary>Where shedding stops, in percent; below <see cref="MemoryLimitPercent"/>.</summary>
    public int MemoryTargetPercent { get; set; } = 70;

    /// <summary>
    /// Memory in use, in percent, above which <c>/collect</c> answers 503 until shedding has brought it down: the last
    /// line before running out of memory, above <see cref="MemoryLimitPercent"/>. 0 turns it off.
    /// </summary>
    public double MemoryRefusePercent { get; set; } = 90;

    /// <summary>How many addresses of grains on other hosts this host remembers (a forgotten one costs a directory lookup).</summary>
    public int DirectoryCacheSize { get; set; } = 100_000;

    /// <summary>
    /// How often this host renews its subscriptions to the grains that fan out to every host (cluster events, the
    /// operators online in each workspace).
    /// </summary>
    public TimeSpan SubscriptionRenewal { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A host whose subscription was not renewed for this long is forgotten: its operators go offline, it gets no more
    /// events. A few renewals long, so that one lost renewal does not drop a live host.
    /// </summary>
    public TimeSpan SubscriptionExpiry { get; set; } = TimeSpan.FromSeconds(100);
}
