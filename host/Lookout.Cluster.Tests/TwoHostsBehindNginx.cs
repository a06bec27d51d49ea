using Lookout.Testing.Cluster;

namespace Lookout.Cluster.Tests;

/// <summary>
/// Two host processes on one PostgreSQL database, each with its own HOME, and nginx in front of them configured by
/// deploy/nginx.conf; shared by the tests of a class. A test that stops a host starts it again before it ends.
/// </summary>
public sealed class TwoHostsBehindNginx : IAsyncLifetime
{
    public LookoutCluster Cluster { get; private set; } = null!;

    public Nginx Nginx { get; private set; } = null!;

    public HostProcess First => Cluster.Hosts[0];

    public HostProcess Second => Cluster.Hosts[1];

    public async Task InitializeAsync()
    {
        Cluster = await LookoutCluster.StartAsync(2);
        try
        {
            Nginx = await Nginx.StartAsync(Cluster.Hosts.Select(host => host.Address));
        }
        catch
        {
            await Cluster.DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        await Nginx.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}
