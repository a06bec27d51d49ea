namespace Lookout.Visitors.Enrichment;

/// <summary>
/// Where the MaxMind databases are (<c>GeoIp</c> section): files in the GeoLite2 / GeoIP2 <c>.mmdb</c> layout. Each is
/// optional; with none, visitors have no location.
/// </summary>
public sealed class GeoIpOptions
{
    public const string Section = "GeoIp";

    /// <summary>A country database (GeoLite2-Country). Not read when <see cref="CityDatabase"/> is set: that one has countries too.</summary>
    public string? CountryDatabase { get; set; }

    /// <summary>A city database (GeoLite2-City): country and city.</summary>
    public string? CityDatabase { get; set; }

    /// <summary>An ASN database (GeoLite2-ASN, or a GeoIP2-ISP one): the organisation holding the address.</summary>
    public string? AsnDatabase { get; set; }

    /// <summary>Whether any database is configured.</summary>
    public bool HasDatabase =>
        !string.IsNullOrWhiteSpace(CountryDatabase) || !string.IsNullOrWhiteSpace(CityDatabase) || !string.IsNullOrWhiteSpace(AsnDatabase);
}
