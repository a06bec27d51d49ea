namespace Lookout.Outbox;

/// <summary>The <c>Outbox</c> configuration section: how the dispatcher retries, how many sends run at once per channel.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Attempts per delivery before it becomes a dead letter (a resend starts a fresh budget).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait before the first retry; each further retry waits twice as long, with jitter.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between two attempts (unless the target asks for longer with Retry-After).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the dispatcher looks for due work written by other hosts, or in transactions it was not told about.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a channel may take over one attempt before it counts as a transient failure.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a host owns a delivery it claimed. A host that dies mid-attempt leaves its claims to expire: the
    /// deliveries are then due again, on any host. Longer than <see cref="SendTimeout"/>.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a stopping host waits for attempts under way before leaving them to their lease.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Sends at once per channel, for channels not named in <see cref="Channels"/>.</summary>
    public int DefaultConcurrency { get; set; } = 4;

    /// <summary>Settings per channel name, e.g. <c>Outbox:Channels:sms:Concurrency</c>.</summary>
    public Dictionary<string, OutboxChannelOptions> Channels { get; } = new(StringComparer.Ordinal);

    public int ConcurrencyOf(string channel) =>
        Channels.TryGetValue(channel, out var options) && options.Concurrency is { } concurrency ? concurrency : DefaultConcurrency;

    /// <summary>What is wrong with these settings, or null.</summary>
    public string? Problem() =>
        MaxAttempts < 1 ? "Outbox:MaxAttempts must be at least 1."
        : FirstRetryDelay <= TimeSpan.Zero || MaxRetryDelay < FirstRetryDelay ? "Outbox:FirstRetryDelay must be positive and at most Outbox:MaxRetryDelay."
        : PollInterval <= TimeSpan.Zero ? "Outbox:PollInterval must be positive."
        : SendTimeout <= TimeSpan.Zero || Lease <= SendTimeout ? "Outbox:Lease must be longer than Outbox:SendTimeout, which must be positive."
        : StopTimeout < TimeSpan.Zero ? "Outbox:StopTimeout cannot be negative."
        : DefaultConcurrency < 1 || Channels.Values.Any(c => c.Concurrency is < 1) ? "Outbox concurrency must be at least 1."
        : null;
}

/// <summary>One channel's settings.</summary>
public sealed class OutboxChannelOptions
{
    /// <summary>Sends at once through this channel on one host.</summary>
    public int? Concurrency { get; set; }
}
