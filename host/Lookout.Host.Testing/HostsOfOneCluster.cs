using Lookout.Kernel.Storage;
using Xunit;

namespace Lookout.Host.Testing;

/// <summary>
/// Two hosts of one cluster on one fresh PostgreSQL database, in this process: <see cref="A"/> started first,
/// <see cref="B"/> joined it, as hosts on two machines behind a load balancer (an xunit class fixture).
/// </summary>
public class HostsOfOneCluster : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string?>? _settingsOfA;
    private readonly IReadOnlyDictionary<string, string?>? _settingsOfB;

    public HostsOfOneCluster()
    {
    }

    /// <summary>Hosts with settings of their own (<paramref name="settingsOfB"/> null: the same as A's).</summary>
    protected HostsOfOneCluster(IReadOnlyDictionary<string, string?> settingsOfA, IReadOnlyDictionary<string, string?>? settingsOfB)
    {
        _settingsOfA = settingsOfA;
        _settingsOfB = settingsOfB;
    }

    public LookoutApp A { get; private set; } = null!;

    public LookoutApp B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        A = await LookoutApp.StartAsync(SqlDialect.PostgreSql, _settingsOfA);
        B = await A.JoinClusterAsync(_settingsOfB ?? _settingsOfA);
    }

    public async Task DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
    }
}
