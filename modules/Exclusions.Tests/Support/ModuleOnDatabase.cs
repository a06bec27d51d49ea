using Lookout.Exclusions.Hits;
using Lookout.Exclusions.Matching;
using Lookout.Exclusions.Exclusions;
using Lookout.Kernel.Modules;
using Lookout.Kernel.Storage;
using Lookout.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Lookout.Exclusions.Tests.Support;

/// <summary>The module's storage, policy and hit counting on a fresh database, with a clock the test moves.</summary>
internal sealed class ModuleOnDatabase : IAsyncDisposable
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(10);
    private readonly TestDatabase _test;

    private ModuleOnDatabase(TestDatabase test, LookoutDatabase database)
    {
        _test = test;
        Database = database;
        Store = new ExclusionStore(database, Clock);
        Hits = new HitCounter(Clock);
        Policy = new ExclusionPolicy(Store, Hits, NullLogger<ExclusionPolicy>.Instance);
        Flusher = new HitFlusher(Hits, Store, Options.Create(new ExclusionsOptions { HitFlushInterval = FlushInterval }), Clock, NullLogger<HitFlusher>.Instance);
    }

    public ManualClock Clock { get; } = new();

    public LookoutDatabase Database { get; }

    public ExclusionStore Store { get; }

    public HitCounter Hits { get; }

    public ExclusionPolicy Policy { get; }

    public HitFlusher Flusher { get; }

    public static async Task<ModuleOnDatabase> StartAsync(SqlDialect dialect)
    {
        var test = await TestDatabase.CreateAsync(dialect);
        var database = new LookoutDatabase(dialect, test.ConnectionString);
        var module = new ModuleOnDatabase(test, database);
        await new MigrationRunner(database, module.Clock, NullLogger<MigrationRunner>.Instance)
            .ApplyAsync([("exclusions", ((IModule)new ExclusionsModule()).Migrations(dialect))]);
        return module;
    }

    public Task<Exclusion> CreateAsync(string workspaceId, ExclusionKind kind, string pattern, string? siteId = null) =>
        Store.CreateAsync(workspaceId, new ExclusionDraft(siteId, kind, pattern, "", true), CancellationToken.None);

    public async Task<Exclusion> ReadAsync(Exclusion exclusion) =>
        (await Store.FindAsync(exclusion.WorkspaceId, exclusion.Id, CancellationToken.None))!;

    public async ValueTask DisposeAsync()
    {
        await Flusher.DisposeAsync();
        await Database.DisposeAsync();
        await _test.DisposeAsync();
    }
}
