using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Lookout.Kernel.Storage;
using Lookout.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Host.Testing;

/// <summary>
/// The real host on Kestrel at a free loopback port, on a throwaway database, with the first-run admin's password
/// known. Browsers and HTTP clients reach it like a user would.
/// </summary>
public sealed class LookoutApp : IAsyncDisposable
{
    public const string AdminEmail = "admin@lookout.local";
    public const string AdminPassword = "correct-horse-battery";

    private readonly HostFactory _factory;
    private readonly TestDatabase _database;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly string _clusterId;
    private bool _ownsDatabase = true;

    private LookoutApp(
        HostFactory factory, TestDatabase database, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services, string clusterId, Uri baseAddress)
    {
        _factory = factory;
        _database = database;
        _settings = settings;
        _services = services;
        _clusterId = clusterId;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _factory.Services;

    public SqlDialect Dialect => _database.Dialect;

    /// <summary>
    /// Starts a host; <paramref name="settings"/> override configuration keys (e.g. <c>Account:LoginAttemptsPerMinute</c>)
    /// and <paramref name="services"/> adds services after the host's own (e.g. a fake implementation of a contract
    /// whose real one is not built yet).
    /// </summary>
    public static async Task<LookoutApp> StartAsync(
        SqlDialect dialect = SqlDialect.Sqlite, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        return Start(await TestDatabase.CreateAsync(dialect), settings ?? new Dictionary<string, string?>(), services, NewClusterId());
    }

    /// <summary>
    /// Starts another host on this host's PostgreSQL database that joins its cluster, as a host on another machine
    /// would (in this process, on ports of its own). It does not own the database: dispose it before this one.
    /// <paramref name="settings"/> and <paramref name="services"/> replace this host's (e.g. a test channel of its own).
    /// </summary>
    public Task<LookoutApp> JoinClusterAsync(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        if (Dialect != SqlDialect.PostgreSql)
        {
            throw new InvalidOperationException("Only hosts on PostgreSQL form a cluster of several hosts.");
        }
        var joined = Start(_database, settings ?? _settings, services ?? _services, _clusterId);
        joined._ownsDatabase = false;
        return Task.FromResult(joined);
    }

    /// <summary>
    /// Starts <paramref name="count"/> hosts at the same moment on one new, empty PostgreSQL database, in one cluster, as
    /// an installation whose hosts were all started at once would. The first owns the database: dispose it last.
    /// </summary>
    public static async Task<IReadOnlyList<LookoutApp>> StartTogetherAsync(int count, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(SqlDialect.PostgreSql);
        var clusterId = NewClusterId();
        var hosts = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(() => Start(database, settings ?? new Dictionary<string, string?>(), null, clusterId))));
        foreach (var joined in hosts.Skip(1))
        {
            joined._ownsDatabase = false;
        }
        return hosts;
    }

    /// <summary>Stops this host gracefully (as Ctrl+C does) and starts a new one on the same database.</summary>
    public async Task<LookoutApp> RestartAsync()
    {
        _ownsDatabase = false;
        await _factory.DisposeAsync();
        return Start(_database, _settings, _services, NewClusterId());
    }

    private static string NewClusterId() => $"test-{Guid.NewGuid():N}";

    private static LookoutApp Start(TestDatabase database, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services, string clusterId)
    {
        var all = new Dictionary<string, string?>(database.Settings)
        {
            ["LOOKOUT_ADMIN_PASSWORD"] = AdminPassword,
            ["Account:LoginAttemptsPerMinute"] = "1000",
            ["Urls"] = "http://127.0.0.1:0",
            // Hosts of parallel tests each form a cluster of their own (unless joined), on ports of their own.
            ["Orleans:SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["Orleans:AdvertisedAddress"] = "127.0.0.1",
            ["Orleans:ClusterId"] = clusterId,
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }
        var factory = new HostFactory(all, services);
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LookoutApp(factory, database, settings, services, clusterId, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    /// <summary>A loopback port no one listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>An HTTP client with its own cookie jar, like one browser.</summary>
    public ApiClient CreateClient() => new(BaseAddress);

    /// <summary>A client signed in as the first-run admin, in the first workspace.</summary>
    public async Task<ApiClient> SignInAsAdminAsync()
    {
        var client = CreateClient();
        await client.SignInAsync(AdminEmail, AdminPassword);
        return client;
    }

    /// <summary>The first-run admin, signed in and working in a workspace created for the caller alone.</summary>
    public async Task<ApiClient> AdminOfNewWorkspaceAsync()
    {
        var admin = await SignInAsAdminAsync();
        using var response = await admin.PostAsync("/api/workspaces", new { name = $"Workspace {Guid.NewGuid():N}" });
        admin.WorkspaceId = (await ApiClient.ReadAsync(response, HttpStatusCode.Created))["id"]!.GetValue<string>();
        return admin;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        if (_ownsDatabase)
        {
            await _database.DisposeAsync();
        }
    }

    private sealed class HostFactory(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
            if (services is not null)
            {
                builder.ConfigureTestServices(services);
            }
        }
    }
}
