using Lookout.Host.Testing;

namespace Lookout.Specs;

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
