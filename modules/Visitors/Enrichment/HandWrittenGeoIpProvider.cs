using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lookout.Visitors.Enrichment;

/// <summary>
/// Geo-IP from MaxMind DB files (GeoLite2 / GeoIP2 Country, City and ASN, or any file in their layout), read with
/// Lookout's own reader. The files are loaded whole when the provider is built, so a missing or broken file fails the
/// start, not a visit. Records are shared by many addresses, so their decoded values are kept by record.
/// </summary>
public sealed partial class HandWrittenGeoIpProvider : IGeoIpProvider
{
    private const int RecordCacheCapacity = 65_536;

    private readonly MaxMindDatabase? _locations;
    private readonly MaxMindDatabase? _organizations;
    private readonly BoundedCache<int, Location?> _locationsByRecord = new(RecordCacheCapacity);
    private readonly BoundedCache<int, string?> _organizationsByRecord = new(RecordCacheCapacity);
    private readonly ILogger _logger;
    private int _corruptionReported;

    /// <summary>Loads the configured databases.</summary>
    /// <exception cref="FileNotFoundException">A configured file does not exist.</exception>
    /// <exception cref="InvalidDataException">A configured file is not a MaxMind DB; the message names it.</exception>
    public HandWrittenGeoIpProvider(GeoIpOptions options, ILogger<HandWrittenGeoIpProvider>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        var locations = string.IsNullOrWhiteSpace(options.CityDatabase) ? options.CountryDatabase : options.CityDatabase;
        _locations = string.IsNullOrWhiteSpace(locations) ? null : MaxMindDatabase.Open(locations);
        _organizations = string.IsNullOrWhiteSpace(options.AsnDatabase) ? null : MaxMindDatabase.Open(options.AsnDatabase);
    }

    /// <inheritdoc />
    public GeoInfo? Lookup(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        try
        {
            var location = Find(_locations, address, _locationsByRecord, ReadLocation);
            var organization = Find(_organizations, address, _organizationsByRecord, ReadOrganization);
            return location is null && organization is null
                ? null
                : new GeoInfo(location?.CountryCode, location?.CountryName, location?.City, organization);
        }
        catch (InvalidDataException e)
        {
            // A file that passed its checks at load but has a broken record: that address gets no location.
            if (Interlocked.Exchange(ref _corruptionReported, 1) == 0)
            {
                LogCorruptRecord(_logger, e);
            }
            return null;
        }
    }

    private static T? Find<T>(MaxMindDatabase? database, IPAddress address, BoundedCache<int, T?> cache, Func<int, MaxMindDatabase, T?> read)
        where T : class
    {
        if (database is null)
        {
            return null;
        }
        var record = database.Find(address);
        return record < 0 ? null : cache.GetOrAdd(record, read, database);
    }

    private static Location ReadLocation(int record, MaxMindDatabase database)
    {
        var data = database.Data;
        var country = data.FindInMap(record, "country"u8);
        if (country < 0)
        {
            // Some networks (satellite providers, anycast) only say where they are registered.
            country = data.FindInMap(record, "registered_country"u8);
        }
        return new Location(
            data.ReadString(data.FindInMap(country, "iso_code"u8)),
            data.ReadString(data.FindInMap(data.FindInMap(country, "names"u8), "en"u8)),
            data.ReadString(data.FindInMap(data.FindInMap(data.FindInMap(record, "city"u8), "names"u8), "en"u8)));
    }

    private static string? ReadOrganization(int record, MaxMindDatabase database)
    {
        var data = database.Data;
        return data.ReadString(data.FindInMap(record, "autonomous_system_organization"u8));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A geo-IP database has a corrupt record; addresses that reach it get no location")]
    private static partial void LogCorruptRecord(ILogger logger, Exception exception);

    private sealed record Location(string? CountryCode, string? CountryName, string? City);
}
