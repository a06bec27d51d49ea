namespace Lookout.Plugins;

/// <summary>How one delivery attempt went.</summary>
public enum DeliveryOutcome
{
    /// <summary>The target accepted the notification.</summary>
    Delivered = 0,

    /// <summary>The attempt failed for a reason that may pass (timeout, busy or unreachable target): the host retries later.</summary>
    TransientFailure = 1,

    /// <summary>The attempt failed for a reason a retry cannot fix (bad address, refused target, rejected content): no retry.</summary>
    PermanentFailure = 2,
}

/// <summary>The result of <see cref="IChannel.SendAsync"/>: its outcome and, for a failure, why.</summary>
/// <param name="Outcome">Delivered, transient or permanent failure.</param>
/// <param name="Reason">
/// For a failure, what went wrong in words an admin understands (shown in the delivery log); null when delivered.
/// </param>
/// <param name="RetryAfter">For a transient failure, how long the target asked to wait (e.g. HTTP <c>Retry-After</c>), if it said.</param>
public sealed record DeliveryResult(DeliveryOutcome Outcome, string? Reason = null, TimeSpan? RetryAfter = null)
{
    /// <summary>The notification was accepted by the target.</summary>
    public static DeliveryResult Delivered { get; } = new(DeliveryOutcome.Delivered);

    /// <summary>A failure worth retrying.</summary>
    /// <param name="reason">Why, for the delivery log.</param>
    /// <param name="retryAfter">How long the target asked to wait, if it said.</param>
    public static DeliveryResult Transient(string reason, TimeSpan? retryAfter = null) =>
        new(DeliveryOutcome.TransientFailure, RequireReason(reason), retryAfter);

    /// <summary>A failure no retry can fix.</summary>
    /// <param name="reason">Why, for the delivery log.</param>
    public static DeliveryResult Permanent(string reason) => new(DeliveryOutcome.PermanentFailure, RequireReason(reason));

    /// <summary>
    /// The usual reading of an HTTP answer: 2xx delivered; 408, 429 and 5xx transient; anything else (other 4xx, a
    /// 3xx not followed) permanent.
    /// </summary>
    /// <param name="statusCode">The HTTP status code the target answered.</param>
    /// <param name="retryAfter">The answer's <c>Retry-After</c>, if any.</param>
    public static DeliveryResult FromHttpStatus(int statusCode, TimeSpan? retryAfter = null) => statusCode switch
    {
        >= 200 and < 300 => Delivered,
        408 or 429 or >= 500 => Transient($"The target answered HTTP {statusCode}.", retryAfter),
        _ => Permanent($"The target answered HTTP {statusCode}."),
    };

    /// <summary>Whether the notification was delivered.</summary>
    public bool IsDelivered => Outcome == DeliveryOutcome.Delivered;

    private static string RequireReason(string reason) =>
        string.IsNullOrWhiteSpace(reason) ? throw new ArgumentException("A failure needs a reason.", nameof(reason)) : reason;
}
