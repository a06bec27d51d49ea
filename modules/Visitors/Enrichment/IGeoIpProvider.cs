using System.Net;

namespace Lookout.Visitors.Enrichment;

/// <summary>Looks up where an IP address is. Called on the hot path: implementations answer from memory and never block.</summary>
public interface IGeoIpProvider
{
    /// <summary>What is known about <paramref name="address"/>, or null when nothing is (private addresses, no database).</summary>
    GeoInfo? Lookup(IPAddress address);
}
