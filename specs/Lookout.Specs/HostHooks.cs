using BoDi;
using Lookout.Host.Testing;
using TechTalk.SpecFlow;

namespace Lookout.Specs;

/// <summary>
/// One real host on a fresh SQLite database per feature: starting a host costs seconds, so the scenarios of a feature
/// share it and stay apart by each working in a workspace of its own (see <see cref="AdminSteps"/>).
/// </summary>
[Binding]
public sealed class HostHooks
{
    [BeforeFeature]
    public static async Task StartHostAsync(FeatureContext feature) => feature.Set(await LookoutApp.StartAsync());

    [AfterFeature]
    public static async Task StopHostAsync(FeatureContext feature) => await feature.Get<LookoutApp>().DisposeAsync();

    /// <summary>Scenario containers do not see the feature's, so the host is handed to each scenario's step classes here.</summary>
    [BeforeScenario(Order = 0)]
    public static void ShareHost(FeatureContext feature, IObjectContainer scenario) =>
        scenario.RegisterInstanceAs(feature.Get<LookoutApp>());
}
