using System.Net;
using Lookout.Visitors.Enrichment;
using Lookout.Visitors.Tests.Enrichment.GeoIp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lookout.Visitors.Tests.Enrichment;

public sealed class EnrichmentServicesTests(TestGeoIpDatabases databases) : IClassFixture<TestGeoIpDatabases>
{
    [Fact]
    public void Without_configuration_there_is_no_geo_data_and_no_reverse_dns()
    {
        using var services = Build([]);

        Assert.Same(NullGeoIpProvider.Instance, services.GetRequiredService<IGeoIpProvider>());
        Assert.Null(services.GetRequiredService<ReverseDnsLookup>().TryGetCached(IPAddress.Loopback));
    }

    [Fact]
    public async Task Databases_and_reverse_dns_are_configured_from_their_sections()
    {
        using var services = Build(new()
        {
            ["GeoIp:CountryDatabase"] = databases.Country(),
            ["GeoIp:AsnDatabase"] = databases.Asn,
            ["ReverseDns:Enabled"] = "true",
        });

        var geo = services.GetRequiredService<IGeoIpProvider>().Lookup(IPAddress.Parse(TestGeoIpDatabases.UnitedKingdomIp));
        var reverseDns = services.GetRequiredService<ReverseDnsLookup>();

        Assert.Equal(new GeoInfo("GB", "United Kingdom", null, "Andrews & Arnold Ltd"), geo);
        reverseDns.TryGetCached(IPAddress.Loopback);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (reverseDns.TryGetCached(IPAddress.Loopback) is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }
        Assert.Equal("localhost", reverseDns.TryGetCached(IPAddress.Loopback));
    }

    [Fact]
    public async Task A_broken_database_stops_the_start_with_its_name()
    {
        var path = databases.Write("not-a-database.mmdb", "hello"u8.ToArray());
        using var services = Build(new() { ["GeoIp:CityDatabase"] = path });

        var starting = services.GetServices<IHostedService>().Select(service => service.StartAsync(CancellationToken.None));
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Task.WhenAll(starting));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddGeoIp(configuration).AddReverseDns(configuration).BuildServiceProvider();
    }
}
