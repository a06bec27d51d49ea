using Lookout.Host.Testing;
using Lookout.Kernel.Storage;

namespace Lookout.Workspaces.Tests.Support;

/// <summary>
/// One running host on a fresh database, shared by the tests of a class. Tests that change data work in a
/// workspace of their own (<see cref="WorkspacesApiTest.AdminOfNewWorkspaceAsync"/>), so they do not see each other.
/// </summary>
public abstract class HostOnDatabase(SqlDialect dialect) : IAsyncLifetime
{
    public LookoutApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await LookoutApp.StartAsync(dialect);

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class HostOnSqlite() : HostOnDatabase(SqlDialect.Sqlite);

public sealed class HostOnPostgreSql() : HostOnDatabase(SqlDialect.PostgreSql);
