using Lookout.Kernel.Storage;
using Lookout.Testing;

namespace Lookout.Kernel.Tests.Support;

/// <summary>A test of the grain runtime on one started host, its own SQLite file and a manual clock.</summary>
public abstract class SiloTest : IAsyncLifetime
{
    protected ManualClock Clock { get; } = new();

    protected TestDatabase Database { get; private set; } = null!;

    protected TestSilo Silo { get; private set; } = null!;

    /// <summary>Configuration the host starts with, e.g. <c>Grains:MailboxCapacity</c>.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(SqlDialect.Sqlite);
        Silo = await TestSilo.StartAsync(Database, Clock, Settings);
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        await Database.DisposeAsync();
    }
}
