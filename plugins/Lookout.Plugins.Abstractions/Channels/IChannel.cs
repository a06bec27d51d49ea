namespace Lookout.Plugins;

/// <summary>
/// How a notification travels: email, SMS, popup, webhook... A channel is a singleton the host creates once; it must
/// be safe to call from several deliveries at once.
/// </summary>
/// <remarks>
/// The host owns retries, back-off and idempotency: a channel makes one attempt per call and says how it went. It
/// returns a failure rather than throwing for anything the target or the address caused; the only exception it lets
/// out is <see cref="OperationCanceledException"/> when <c>cancellationToken</c> is cancelled.
/// </remarks>
public interface IChannel
{
    /// <summary>
    /// The channel's name, unique in a host: lower-case letters, digits and dashes (e.g. <c>email</c>,
    /// <c>webhook</c>). Triggers and the delivery log refer to channels by it.
    /// </summary>
    string Name { get; }

    /// <summary>Makes one attempt to deliver <paramref name="notification"/> to its recipient.</summary>
    /// <param name="notification">What to send and to whom.</param>
    /// <param name="cancellationToken">Cancelled when the host gives up on this attempt (shutdown, timeout).</param>
    /// <returns>Delivered, a transient failure (worth retrying) or a permanent failure, with a reason for failures.</returns>
    Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken);
}
