using System.Diagnostics;
using System.Globalization;
using System.Net;
using Lookout.GeoBench;
using Lookout.Visitors.Enrichment;

// Geo-IP lookups per second (bench/README.md): a City and an ASN database shaped like GeoLite2's, written by MaxMind's
// writer, and a million addresses, nine in ten inside its networks. --quick: a tenth of the networks and addresses.
var scale = args.Contains("--quick") ? 10 : 1;
const int rounds = 3;
using var databases = new BenchDatabases(ipv4Networks: 200_000 / scale, ipv6Networks: 20_000 / scale, places: 20_000 / scale, organizations: 5_000 / scale);
var addresses = Addresses(databases.Networks, 1_000_000 / scale);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Geo-IP lookups: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {databases.Networks.Count:N0} networks, " +
    $"City {new FileInfo(databases.City).Length / 1024:N0} KiB + ASN {new FileInfo(databases.Asn).Length / 1024:N0} KiB, " +
    $"{addresses.Length:N0} addresses, one thread, best of {rounds}"));

var options = new GeoIpOptions { CityDatabase = databases.City, AsnDatabase = databases.Asn };
Run("MaxMind DatabaseReader", () => new MaxMindGeoIpProvider(options));

void Run(string name, Func<IGeoIpProvider> create)
{
    var loading = Stopwatch.StartNew();
    var provider = create();
    loading.Stop();
    var found = Pass(provider); // warm-up: JIT, caches
    var best = 0d;
    var bytes = 0L;
    for (var i = 0; i < rounds; i++)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        Pass(provider);
        best = Math.Max(best, addresses.Length / clock.Elapsed.TotalSeconds);
        bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {name,-24} {best,12:N0} lookups/s  {(double)bytes / addresses.Length,8:N0} bytes/lookup  load {loading.ElapsedMilliseconds,5:N0} ms  found {found:N0}"));
    (provider as IDisposable)?.Dispose();
}

int Pass(IGeoIpProvider provider)
{
    var found = 0;
    foreach (var address in addresses)
    {
        if (provider.Lookup(address)?.CountryCode is not null)
        {
            found++;
        }
    }
    return found;
}

// A random host of a random network for nine addresses in ten; a random IPv4 address (mostly in no network) for the tenth.
static IPAddress[] Addresses(IReadOnlyList<string> networks, int count)
{
    var random = new Random(7);
    var addresses = new IPAddress[count];
    Span<byte> bytes = stackalloc byte[16];
    for (var i = 0; i < count; i++)
    {
        if (random.Next(10) == 0)
        {
            random.NextBytes(bytes[..4]);
            addresses[i] = new IPAddress(bytes[..4]);
            continue;
        }
        var network = IPNetwork.Parse(networks[random.Next(networks.Count)]);
        var length = network.BaseAddress.TryWriteBytes(bytes, out var written) ? written : 0;
        random.NextBytes(bytes[(network.PrefixLength / 8)..length]);
        addresses[i] = new IPAddress(bytes[..length]);
    }
    return addresses;
}
