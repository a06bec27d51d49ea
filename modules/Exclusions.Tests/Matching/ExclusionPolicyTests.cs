using Lookout.Exclusions.Contracts;
using Lookout.Exclusions.Matching;
using Lookout.Exclusions.Tests.Support;
using Lookout.Kernel.Storage;
using static Lookout.Exclusions.Tests.Support.Rules;

namespace Lookout.Exclusions.Tests.Matching;

/// <summary>The policy ingestion asks: rules compiled once per change of a workspace's exclusions.</summary>
public sealed class ExclusionPolicyTests : IAsyncLifetime
{
    private ModuleOnDatabase _module = null!;

    public async Task InitializeAsync() => _module = await ModuleOnDatabase.StartAsync(SqlDialect.Sqlite);

    public async Task DisposeAsync() => await _module.DisposeAsync();

    [Fact]
    public async Task A_workspace_s_rules_are_compiled_once_for_many_matches()
    {
        await _module.CreateAsync(Workspace, ExclusionKind.Ip, "10.0.0.0/8; 192.168.*");
        await _module.CreateAsync(Workspace, ExclusionKind.Page, "admin/*", siteId: Site);
        await _module.CreateAsync(Workspace, ExclusionKind.Country, "Russia");
        var excluded = 0;

        for (var i = 0; i < 10_000; i++)
        {
            var pageView = PageView(url: $"/page/{i}", ip: i % 2 == 0 ? "8.8.8.8" : $"10.0.{i % 250}.1", country: "FR");
            if (await _module.Policy.MatchAsync(pageView, CancellationToken.None) is not null)
            {
                excluded++;
            }
        }

        Assert.Equal(5_000, excluded);
        Assert.Equal(1, _module.Policy.CompilationsOf(Workspace));
    }

    [Fact]
    public async Task A_match_names_the_exclusion_its_kind_and_its_whole_pattern()
    {
        var exclusion = await _module.CreateAsync(Workspace, ExclusionKind.Country, "FR; Germany");

        var match = await _module.Policy.MatchAsync(PageView(country: "DE"), CancellationToken.None);

        Assert.Equal(new ExclusionMatch(exclusion.Id, "Country", "FR; Germany"), match);
    }

    [Fact]
    public async Task A_change_reaches_the_next_match_through_the_ExclusionsChanged_event()
    {
        Assert.Null(await _module.Policy.MatchAsync(PageView(ip: "10.0.0.1"), CancellationToken.None));
        await _module.CreateAsync(Workspace, ExclusionKind.Ip, "10.0.0.0/8");
        Assert.Null(await _module.Policy.MatchAsync(PageView(ip: "10.0.0.1"), CancellationToken.None));

        await new RecompileOnChange(_module.Policy).HandleAsync(new ExclusionsChanged(Workspace), CancellationToken.None);

        Assert.NotNull(await _module.Policy.MatchAsync(PageView(ip: "10.0.0.1"), CancellationToken.None));
        Assert.Equal(2, _module.Policy.CompilationsOf(Workspace));
    }

    [Fact]
    public async Task Each_workspace_is_matched_against_its_own_exclusions_only()
    {
        await _module.CreateAsync(Workspace, ExclusionKind.Ip, "10.0.0.0/8");

        var otherWorkspace = PageView(ip: "10.0.0.1") with { WorkspaceId = "workspace-2" };

        Assert.Null(await _module.Policy.MatchAsync(otherWorkspace, CancellationToken.None));
        Assert.NotNull(await _module.Policy.MatchAsync(PageView(ip: "10.0.0.1"), CancellationToken.None));
        Assert.Equal(1, _module.Policy.CompilationsOf("workspace-2"));
        Assert.Equal(1, _module.Policy.CompilationsOf(Workspace));
    }
}
