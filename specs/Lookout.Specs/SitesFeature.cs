using Lookout.Host.Testing;

namespace Lookout.Specs;

public sealed class SitesFeature : IAsyncLifetime
{
    private LookoutApp _app = null!;

    public static IEnumerable<object[]> Scenarios => FeatureRunner.Scenarios("sites.feature");

    public async Task InitializeAsync() => _app = await LookoutApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [MemberData(nameof(Scenarios))]
    public Task Scenario(string feature, string scenario) => FeatureRunner.RunAsync(feature, scenario, new SiteSteps(_app));
}
