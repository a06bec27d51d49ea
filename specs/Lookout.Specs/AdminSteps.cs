using Lookout.Host.Testing;
using TechTalk.SpecFlow;

namespace Lookout.Specs;

/// <summary>Who is signed in: one admin client per scenario, shared by every step class of the scenario.</summary>
[Binding]
public sealed class AdminSteps(LookoutApp app, Admin admin)
{
    [Given("I am signed in as the first-run admin, in a workspace of my own")]
    public async Task SignedInInOwnWorkspace() => admin.Client = await app.AdminOfNewWorkspaceAsync();
}
