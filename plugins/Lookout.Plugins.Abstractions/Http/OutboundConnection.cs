using System.Net;
using System.Net.Sockets;

namespace Lookout.Plugins.Http;

/// <summary>
/// Opens a TCP connection to a host an admin typed (an SMTP server, a gateway) only when every address the name
/// resolves to is allowed, and to one of those very addresses, so that a name cannot resolve to a public address for
/// the check and a private one for the connection. <see cref="OutboundHttp"/> connects through it; a plugin speaking
/// another protocol hands the connected socket to its client.
/// </summary>
public static class OutboundConnection
{
    /// <summary>Connects to <paramref name="host"/>:<paramref name="port"/>, refusing non-public addresses unless <paramref name="allowPrivateNetworks"/>.</summary>
    /// <param name="host">A host name or an address.</param>
    /// <param name="port">The TCP port.</param>
    /// <param name="allowPrivateNetworks">True to allow non-public targets (an admin's explicit choice, or tests on loopback).</param>
    /// <param name="cancellationToken">Ends resolving and connecting.</param>
    /// <returns>A connected socket, owned by the caller.</returns>
    /// <exception cref="OutboundTargetRefusedException">The name resolved to an address that is not allowed.</exception>
    /// <exception cref="SocketException">The name did not resolve, or no address accepted the connection.</exception>
    public static Task<Socket> ConnectAsync(string host, int port, bool allowPrivateNetworks, CancellationToken cancellationToken) =>
        ConnectAsync(host, port, allowPrivateNetworks ? _ => true : NetworkAddress.IsPublic, cancellationToken);

    /// <summary>Connects to <paramref name="host"/>:<paramref name="port"/> when <paramref name="isAllowed"/> accepts every address it resolves to.</summary>
    /// <param name="host">A host name or an address.</param>
    /// <param name="port">The TCP port.</param>
    /// <param name="isAllowed">The rule, e.g. <see cref="NetworkAddress.IsPublic"/> plus an admin's own allow-list.</param>
    /// <param name="cancellationToken">Ends resolving and connecting.</param>
    /// <returns>A connected socket, owned by the caller.</returns>
    /// <exception cref="OutboundTargetRefusedException">The name resolved to an address that is not allowed.</exception>
    /// <exception cref="SocketException">The name did not resolve, or no address accepted the connection.</exception>
    public static async Task<Socket> ConnectAsync(string host, int port, Func<IPAddress, bool> isAllowed, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentNullException.ThrowIfNull(isAllowed);
        var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        if (addresses.FirstOrDefault(a => !isAllowed(a)) is { } refused)
        {
            throw new OutboundTargetRefusedException(host, refused);
        }
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                return socket;
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last!;
    }
}
