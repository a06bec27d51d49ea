namespace Lookout.Visitors.Enrichment;

/// <summary>Where an IP address is, and who holds it, as far as the geo-IP databases know.</summary>
/// <param name="CountryCode">ISO 3166-1 alpha-2, e.g. <c>GB</c>.</param>
/// <param name="CountryName">The country's English name, e.g. <c>United Kingdom</c>.</param>
/// <param name="City">The city's English name, when a city database is configured and knows it.</param>
/// <param name="Organization">The network's holder (the autonomous system's organisation), e.g. <c>Deutsche Telekom AG</c>.</param>
public sealed record GeoInfo(string? CountryCode, string? CountryName, string? City, string? Organization);
