using System.Net;
using System.Net.Sockets;
using MaxMind.Db;
using MaxMind.GeoIP2;
using MaxMind.GeoIP2.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lookout.Visitors.Enrichment;

/// <summary>
/// Geo-IP from MaxMind DB files (GeoLite2 / GeoIP2 Country or City, and ASN or ISP), read with MaxMind's
/// <see cref="DatabaseReader"/>. The files are read whole into memory when the provider is built, so a missing or
/// broken file fails the start, not a visit, and a file replaced on disk while the host runs is only read at the next start.
/// </summary>
public sealed partial class MaxMindGeoIpProvider : IGeoIpProvider, IDisposable
{
    private const int SharedTextCapacity = 16_384;

    private readonly LocationDatabase? _locations;
    private readonly OrganizationDatabase? _organizations;
    private readonly BoundedCache<string, string> _texts = new(SharedTextCapacity);
    private readonly ILogger _logger;
    private int _corruptionReported;

    /// <summary>Loads the configured databases.</summary>
    /// <exception cref="FileNotFoundException">A configured file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// A configured file is not a MaxMind DB, or not of a kind its setting takes; the message names it.
    /// </exception>
    public MaxMindGeoIpProvider(GeoIpOptions options, ILogger<MaxMindGeoIpProvider>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        var (setting, path) = string.IsNullOrWhiteSpace(options.CityDatabase)
            ? (nameof(GeoIpOptions.CountryDatabase), options.CountryDatabase)
            : (nameof(GeoIpOptions.CityDatabase), options.CityDatabase);
        try
        {
            _locations = string.IsNullOrWhiteSpace(path) ? null : LocationDatabase.Open(path, setting);
            _organizations = string.IsNullOrWhiteSpace(options.AsnDatabase) ? null : OrganizationDatabase.Open(options.AsnDatabase);
        }
        catch
        {
            _locations?.Reader.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public GeoInfo? Lookup(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        try
        {
            var location = _locations?.Find(address);
            var organization = _organizations?.Find(address);
            if (location is null && organization is null)
            {
                return null;
            }
            var country = location is null ? null : location.Country.IsoCode is null ? location.RegisteredCountry : location.Country;
            return new GeoInfo(Shared(country?.IsoCode), Shared(country?.Name), Shared(location?.City), Shared(organization));
        }
        catch (Exception e) when (e is InvalidDatabaseException or DeserializationException or ArgumentException)
        {
            // A file that loaded but has a broken record or tree node: that address gets no location.
            if (Interlocked.Exchange(ref _corruptionReported, 1) == 0)
            {
                LogCorruptRecord(_logger, e);
            }
            return null;
        }
    }

    public void Dispose()
    {
        _locations?.Reader.Dispose();
        _organizations?.Reader.Dispose();
    }

    // Every visit of a country holds its names: one copy each, not one per visit.
    private string? Shared(string? text) => text is null ? null : _texts.GetOrAdd(text, static (key, _) => key, 0);

    private static DatabaseReader Open(string path, string setting)
    {
        try
        {
            // Read whole (not memory-mapped): a file rewritten in place while the host runs cannot take it down.
            return new DatabaseReader(path, FileAccessMode.Memory);
        }
        catch (Exception e) when (e is InvalidDatabaseException or DeserializationException or ArgumentException)
        {
            throw new InvalidDataException($"{path} (GeoIp:{setting}) is not a usable MaxMind DB (.mmdb) file. {e.Message}", e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A geo-IP database has a corrupt record; addresses that reach it get no location")]
    private static partial void LogCorruptRecord(ILogger logger, Exception exception);

    /// <summary>Where an address is: a City or a Country database.</summary>
    private sealed record Location(Country Country, Country RegisteredCountry, string? City);

    private sealed class LocationDatabase(DatabaseReader reader, bool hasCities)
    {
        public DatabaseReader Reader => reader;

        public static LocationDatabase Open(string path, string setting)
        {
            var reader = MaxMindGeoIpProvider.Open(path, setting);
            var type = reader.Metadata.DatabaseType;
            // DatabaseReader's methods check the database type by name: the City method for City files, Country for Country.
            if (type.Contains("City", StringComparison.Ordinal) || type.Contains("Country", StringComparison.Ordinal))
            {
                return new LocationDatabase(reader, type.Contains("City", StringComparison.Ordinal));
            }
            reader.Dispose();
            throw new InvalidDataException($"{path} (GeoIp:{setting}) is a {type} database, not a City or Country one.");
        }

        public Location? Find(IPAddress address)
        {
            if (!Answers(reader, address))
            {
                return null;
            }
            if (hasCities)
            {
                return reader.TryCity(address, out var city) && city is not null
                    ? new Location(city.Country, city.RegisteredCountry, city.City.Name)
                    : null;
            }
            return reader.TryCountry(address, out var country) && country is not null
                ? new Location(country.Country, country.RegisteredCountry, null)
                : null;
        }
    }

    private sealed class OrganizationDatabase(DatabaseReader reader, bool isIsp)
    {
        public DatabaseReader Reader => reader;

        public static OrganizationDatabase Open(string path)
        {
            var reader = MaxMindGeoIpProvider.Open(path, nameof(GeoIpOptions.AsnDatabase));
            var type = reader.Metadata.DatabaseType;
            if (type.Contains("ASN", StringComparison.Ordinal) || type.Contains("ISP", StringComparison.Ordinal))
            {
                return new OrganizationDatabase(reader, !type.Contains("ASN", StringComparison.Ordinal));
            }
            reader.Dispose();
            throw new InvalidDataException($"{path} (GeoIp:{nameof(GeoIpOptions.AsnDatabase)}) is a {type} database, not an ASN or ISP one.");
        }

        public string? Find(IPAddress address)
        {
            if (!Answers(reader, address))
            {
                return null;
            }
            return isIsp
                ? reader.TryIsp(address, out var isp) ? isp?.AutonomousSystemOrganization : null
                : reader.TryAsn(address, out var asn) ? asn?.AutonomousSystemOrganization : null;
        }
    }

    // An IPv4-only tree has no IPv6 networks; walking it with 128 bits would land on an unrelated IPv4 record.
    private static bool Answers(DatabaseReader reader, IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork || reader.Metadata.IPVersion == 6;
}
