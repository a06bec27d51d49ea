using Lookout.Kernel.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Lookout.Host.Testing;

/// <summary>
/// One running host on a fresh database, shared by the tests of a class (an xunit class fixture). Tests that change
/// data work in a workspace of their own (<see cref="LookoutApp.AdminOfNewWorkspaceAsync"/>), so they do not see
/// each other. A module's tests subclass it once per dialect, with the settings they need.
/// </summary>
public abstract class HostOnDatabase(SqlDialect dialect, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) : IAsyncLifetime
{
    public LookoutApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await LookoutApp.StartAsync(dialect, settings, services);

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class HostOnSqlite() : HostOnDatabase(SqlDialect.Sqlite);

public sealed class HostOnPostgreSql() : HostOnDatabase(SqlDialect.PostgreSql);
