using System.Net;
using System.Net.Sockets;

namespace Lookout.Plugins.Http;

/// <summary>
/// HTTP handlers for plugins that call URLs an admin typed (webhooks, SMS gateways): unless private networks are
/// allowed, they refuse to connect to any host name that resolves to a loopback, private, link-local or other
/// non-public address, for the first request and for every redirect alike.
/// </summary>
/// <remarks>
/// The check is made where the connection is opened (<see cref="OutboundConnection"/>): every address the name resolves
/// to must be public, and the connection goes to one of those very addresses. Proxies are not used, since a proxy would
/// connect on the handler's behalf.
/// </remarks>
public static class OutboundHttp
{
    /// <summary>A handler that follows up to <paramref name="maxRedirects"/> redirects, each checked like the first request.</summary>
    /// <param name="allowPrivateNetworks">True to allow non-public targets (an admin's explicit choice, or tests on loopback).</param>
    /// <param name="maxRedirects">How many redirects to follow; 0 follows none.</param>
    /// <returns>A handler for one long-lived <see cref="HttpClient"/>.</returns>
    public static SocketsHttpHandler CreateHandler(bool allowPrivateNetworks, int maxRedirects = 3) =>
        CreateHandler(allowPrivateNetworks ? _ => true : NetworkAddress.IsPublic, maxRedirects);

    /// <summary>
    /// A handler that connects only to addresses <paramref name="isAllowed"/> accepts (every address a name resolves to
    /// must be accepted), for the first request and each of up to <paramref name="maxRedirects"/> redirects.
    /// </summary>
    /// <param name="isAllowed">The rule, e.g. <see cref="NetworkAddress.IsPublic"/> plus an admin's own allow-list.</param>
    /// <param name="maxRedirects">How many redirects to follow; 0 follows none.</param>
    /// <returns>A handler for one long-lived <see cref="HttpClient"/>.</returns>
    public static SocketsHttpHandler CreateHandler(Func<IPAddress, bool> isAllowed, int maxRedirects = 3)
    {
        ArgumentNullException.ThrowIfNull(isAllowed);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRedirects);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = maxRedirects > 0,
            MaxAutomaticRedirections = Math.Max(maxRedirects, 1),
            UseProxy = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, isAllowed, cancellationToken),
        };
    }

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, Func<IPAddress, bool> isAllowed, CancellationToken cancellationToken) =>
        new NetworkStream(await OutboundConnection.ConnectAsync(endpoint.Host, endpoint.Port, isAllowed, cancellationToken).ConfigureAwait(false), ownsSocket: true);
}
