namespace Lookout.Visitors.Enrichment;

/// <summary>What a MaxMind DB file says about itself (its metadata section).</summary>
/// <param name="DatabaseType">E.g. <c>GeoLite2-Country</c>, <c>GeoLite2-ASN</c>.</param>
/// <param name="IpVersion">4 for an IPv4-only tree, 6 for a tree of IPv6 addresses (IPv4 under <c>::/96</c>).</param>
/// <param name="RecordSize">Bits per search tree record: 24, 28 or 32.</param>
/// <param name="NodeCount">Nodes in the search tree.</param>
/// <param name="BuildDate">When the file was built.</param>
/// <param name="Languages">The locales the names are given in.</param>
internal sealed record MaxMindMetadata(
    string DatabaseType,
    int IpVersion,
    int RecordSize,
    long NodeCount,
    DateTimeOffset BuildDate,
    IReadOnlyList<string> Languages)
{
    public static MaxMindMetadata Read(MaxMindDecoder decoder)
    {
        if (decoder.Decode(0) is not Dictionary<string, object?> map)
        {
            throw new InvalidDataException("the metadata is not a map");
        }
        var major = Number(map, "binary_format_major_version");
        if (major != 2)
        {
            throw new InvalidDataException($"binary format {major} is not supported (only 2 is)");
        }
        var recordSize = Number(map, "record_size");
        if (recordSize is not (24 or 28 or 32))
        {
            throw new InvalidDataException($"record size {recordSize} is not 24, 28 or 32");
        }
        var ipVersion = Number(map, "ip_version");
        if (ipVersion is not (4 or 6))
        {
            throw new InvalidDataException($"IP version {ipVersion} is not 4 or 6");
        }
        var nodeCount = Number(map, "node_count");
        if (nodeCount is <= 0 or > int.MaxValue)
        {
            throw new InvalidDataException($"node count {nodeCount} is out of range");
        }
        var buildEpoch = map.TryGetValue("build_epoch", out var epoch) && epoch is not null ? Number(map, "build_epoch") : 0;
        var languages = map.TryGetValue("languages", out var list) && list is object?[] items ? items.OfType<string>().ToArray() : [];
        return new(
            map.TryGetValue("database_type", out var type) && type is string name ? name : "",
            (int)ipVersion,
            (int)recordSize,
            nodeCount,
            DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(buildEpoch, 0, 253402300799)),
            languages);
    }

    private static long Number(Dictionary<string, object?> map, string key)
    {
        if (!map.TryGetValue(key, out var value))
        {
            throw new InvalidDataException($"the metadata has no {key}");
        }
        return value switch
        {
            ushort n => n,
            uint n => n,
            int n => n,
            ulong n => n > long.MaxValue ? long.MaxValue : (long)n,
            UInt128 n => n > long.MaxValue ? long.MaxValue : (long)n,
            _ => throw new InvalidDataException($"the metadata's {key} is not a number"),
        };
    }
}
