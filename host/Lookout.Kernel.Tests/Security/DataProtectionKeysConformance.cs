using System.Text;
using System.Xml.Linq;
using Dapper;
using Lookout.Kernel.Security;
using Lookout.Kernel.Storage;
using Lookout.Kernel.Tests.Support;
using Lookout.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Kernel.Tests.Security;

/// <summary>
/// DataProtection's keys live in the database, so hosts on one database (or a host restarted with a fresh
/// <c>HOME</c>) read each other's cookies and antiforgery tokens. Each test gets a fresh database; a "host" is the
/// kernel composed as Lookout.Host composes it and started up to the point where the server would listen.
/// </summary>
public abstract class DataProtectionKeysConformance : IAsyncLifetime
{
    private const string Purpose = "Lookout.Kernel.Tests";
    private readonly List<KernelOnDatabase> _hosts = [];
    private TestDatabase _database = null!;

    protected abstract SqlDialect Dialect { get; }

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(Dialect);

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task The_repository_returns_every_element_any_host_stored_in_the_order_they_were_stored()
    {
        var first = new DatabaseXmlRepository((await StartHostAsync()).Database, TimeProvider.System);
        var second = new DatabaseXmlRepository((await StartHostAsync()).Database, TimeProvider.System);
        var before = first.GetAllElements().Count;

        first.StoreElement(new XElement("key", new XAttribute("id", "a"), new XElement("secret", "<one> & \"two\"")), "key-a");
        second.StoreElement(new XElement("revocation", new XElement("key", new XAttribute("id", "a"))), "revocation-a");

        Assert.Equal(
            ["""<key id="a"><secret>&lt;one&gt; &amp; "two"</secret></key>""", """<revocation><key id="a" /></revocation>"""],
            second.GetAllElements().Skip(before).Select(e => e.ToString(SaveOptions.DisableFormatting)));
        Assert.Equal(
            ["key-a", "revocation-a"],
            (await QueryAsync<string>("SELECT friendly_name FROM kernel_data_protection_keys ORDER BY id")).Skip(before));
    }

    [Fact]
    public async Task A_host_started_later_on_the_same_database_unprotects_what_another_protected_with_the_one_stored_key()
    {
        var first = await StartHostAsync();
        var payload = Protector(first).Protect(Encoding.UTF8.GetBytes("signed in"));
        var firstKeys = KnownKeys(first);
        await first.StopAsync();

        var second = await StartHostAsync();

        Assert.Equal("signed in", Encoding.UTF8.GetString(Protector(second).Unprotect(payload)));
        var stored = await StoredKeysAsync();
        Assert.Single(stored);
        Assert.Equal(stored, firstKeys);
        Assert.Equal(stored, KnownKeys(second));
    }

    protected TestDatabase Database => _database;

    /// <summary>A host's services, not started yet; disposed after the test.</summary>
    protected KernelOnDatabase CreateHost()
    {
        var host = KernelOnDatabase.Create(_database, TimeProvider.System);
        _hosts.Add(host);
        return host;
    }

    /// <summary>A host started as far as the server's listening: migrations and the key ring.</summary>
    protected async Task<KernelOnDatabase> StartHostAsync()
    {
        var host = CreateHost();
        await host.MigrateAsync();
        return host;
    }

    protected static IDataProtector Protector(KernelOnDatabase host) =>
        host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

    /// <summary>The keys a host's key ring holds.</summary>
    protected static IReadOnlyList<Guid> KnownKeys(KernelOnDatabase host) =>
        host.Services.GetRequiredService<IKeyManager>().GetAllKeys().Select(k => k.KeyId).Order().ToList();

    /// <summary>The keys in the table (revocations left out).</summary>
    protected async Task<IReadOnlyList<Guid>> StoredKeysAsync() =>
        (await QueryAsync<string>("SELECT xml FROM kernel_data_protection_keys"))
            .Select(XElement.Parse).Where(e => e.Name == "key").Select(e => Guid.Parse(e.Attribute("id")!.Value)).Order().ToList();

    private async Task<List<T>> QueryAsync<T>(string sql)
    {
        await using var database = new LookoutDatabase(Dialect, _database.ConnectionString);
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<T>(sql)).ToList();
    }
}

public sealed class SqliteDataProtectionKeysTests : DataProtectionKeysConformance
{
    protected override SqlDialect Dialect => SqlDialect.Sqlite;
}

public sealed class PostgreSqlDataProtectionKeysTests : DataProtectionKeysConformance
{
    protected override SqlDialect Dialect => SqlDialect.PostgreSql;

    [Fact]
    public async Task Hosts_starting_together_on_an_empty_table_all_protect_with_one_key()
    {
        // An installation that upgrades: its tables are there, the key table empty, and every host starts at once.
        var upgrade = CreateHost();
        await upgrade.Services.GetRequiredService<MigrationRunner>()
            .ApplyAsync([("kernel", Migration.FromAssembly(typeof(MigrationRunner).Assembly, Dialect))]);
        var hosts = Enumerable.Range(0, 4).Select(_ => CreateHost()).ToList();

        await Task.WhenAll(hosts.Select(host => Task.Run(host.MigrateAsync)));

        var stored = await StoredKeysAsync();
        Assert.Single(stored);
        Assert.All(hosts, host => Assert.Equal(stored, KnownKeys(host)));
        var payloads = hosts.Select(host => Protector(host).Protect([1, 2, 3])).ToList();
        Assert.All(hosts, host => Assert.All(payloads, payload => Assert.Equal([1, 2, 3], Protector(host).Unprotect(payload))));
    }
}
