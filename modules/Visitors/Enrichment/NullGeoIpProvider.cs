using System.Net;

namespace Lookout.Visitors.Enrichment;

/// <summary>The provider when no geo-IP database is configured: visitors simply have no location.</summary>
public sealed class NullGeoIpProvider : IGeoIpProvider
{
    public static NullGeoIpProvider Instance { get; } = new();

    /// <summary>Always null.</summary>
    public GeoInfo? Lookup(IPAddress address) => null;
}
