using System.Net;
using System.Net.Sockets;

namespace Lookout.Testing.Cluster;

/// <summary>Loopback ports nothing listens on, each handed out once per test run.</summary>
internal static class FreePorts
{
    private static readonly HashSet<int> Given = [];

    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (Given)
            {
                // The kernel may hand a port back once it is closed; another host of this run may be about to bind it.
                if (Given.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
