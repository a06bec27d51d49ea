using System.Net;
using System.Net.Sockets;
using Lookout.Plugins.Http;

namespace Lookout.Plugins.Tests.Sdk;

/// <summary>The connection every channel that reaches a typed-in host opens: checked after resolving, made to a checked address.</summary>
public sealed class OutboundConnectionTests : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public OutboundConnectionTests() => _listener.Start();

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Dispose() => _listener.Dispose();

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public async Task A_host_that_resolves_to_loopback_is_refused_before_any_connection(string host)
    {
        var refused = await Assert.ThrowsAsync<OutboundTargetRefusedException>(() => OutboundConnection.ConnectAsync(host, Port, allowPrivateNetworks: false, CancellationToken.None));

        Assert.StartsWith($"{host} resolves to ", refused.Message, StringComparison.Ordinal);
        Assert.False(_listener.Pending());
    }

    [Fact]
    public async Task With_private_networks_allowed_it_connects_to_the_address_the_name_resolved_to()
    {
        using var socket = await OutboundConnection.ConnectAsync("127.0.0.1", Port, allowPrivateNetworks: true, CancellationToken.None);

        using var accepted = await _listener.AcceptSocketAsync();
        Assert.Equal(socket.LocalEndPoint, accepted.RemoteEndPoint);
    }

    [Fact]
    public async Task The_rule_is_asked_about_every_address()
    {
        var asked = new List<IPAddress>();

        using var socket = await OutboundConnection.ConnectAsync("127.0.0.1", Port, address => { asked.Add(address); return true; }, CancellationToken.None);

        Assert.Equal([IPAddress.Loopback], asked);
    }
}
