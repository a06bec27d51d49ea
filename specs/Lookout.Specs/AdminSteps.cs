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

/// <summary>The signed-in admin's API client (context injection gives every step class of a scenario the same one).</summary>
public sealed class Admin : IDisposable
{
    private ApiClient? _client;

    public ApiClient Client
    {
        get => _client ?? throw new InvalidOperationException("Sign in first.");
        set => _client = value;
    }

    public void Dispose() => _client?.Dispose();
}
