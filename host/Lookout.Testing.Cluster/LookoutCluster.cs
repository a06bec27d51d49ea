using Lookout.Kernel.Storage;

namespace Lookout.Testing.Cluster;

/// <summary>
/// An installation of several hosts: real <c>Lookout.Host</c> processes on one fresh PostgreSQL database (from the
/// server in <c>LOOKOUT_TEST_POSTGRES</c>), each with its own folder and <c>HOME</c> as separate machines would have,
/// the first-run admin's password known. Put <see cref="Nginx"/> in front to reach them as users do.
/// </summary>
public sealed class LookoutCluster : IAsyncDisposable
{
    public const string AdminEmail = "admin@lookout.local";
    public const string AdminPassword = "correct-horse-battery";

    private readonly string _folder;

    private LookoutCluster(TestDatabase database, string folder, IReadOnlyList<HostProcess> hosts)
    {
        Database = database;
        _folder = folder;
        Hosts = hosts;
    }

    public TestDatabase Database { get; }

    public IReadOnlyList<HostProcess> Hosts { get; }

    /// <summary>
    /// Starts <paramref name="count"/> hosts and waits until each answers <c>/health</c>. <paramref name="settings"/>
    /// adds configuration keys (<c>Section:Key</c>) per host, over the cluster's own.
    /// </summary>
    public static async Task<LookoutCluster> StartAsync(int count, Func<HostProcess, IReadOnlyDictionary<string, string?>>? settings = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var database = await TestDatabase.CreateAsync(SqlDialect.PostgreSql);
        var folder = Path.Combine(Path.GetTempPath(), "lookout-cluster", Guid.NewGuid().ToString("N"));
        var hosts = new List<HostProcess>();
        var cluster = new LookoutCluster(database, folder, hosts);
        try
        {
            for (var index = 0; index < count; index++)
            {
                var host = new HostProcess(index, Path.Combine(folder, $"host-{index}"), Settings(database));
                hosts.Add(host);
                foreach (var (key, value) in settings?.Invoke(host) ?? new Dictionary<string, string?>())
                {
                    host.Set(key, value);
                }
            }
            // The first host alone: on an empty database it runs the first-run setup (the admin, a workspace), which
            // two hosts doing it at once would both try.
            await hosts[0].StartAsync();
            await Task.WhenAll(hosts.Skip(1).Select(host => host.StartAsync()));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    /// <summary>Kills every host still running, deletes their folders and drops the database.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var host in Hosts)
        {
            await host.DisposeAsync();
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was started.
        }
        await Database.DisposeAsync();
    }

    private static Dictionary<string, string?> Settings(TestDatabase database) => new(database.Settings)
    {
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["LOOKOUT_ADMIN_PASSWORD"] = AdminPassword,
        ["Account:LoginAttemptsPerMinute"] = "1000",
        // What the host's appsettings.json says, which is not read from a host's own folder.
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
    };
}
