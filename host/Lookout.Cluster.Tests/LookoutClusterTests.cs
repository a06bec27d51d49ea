using Lookout.Testing.Cluster;

namespace Lookout.Cluster.Tests;

/// <summary>The harness itself: what a test sees when a host does not come up.</summary>
public sealed class LookoutClusterTests
{
    [Fact]
    public async Task A_host_that_cannot_start_fails_the_start_with_the_end_of_its_log()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => LookoutCluster.StartAsync(1, _ => new Dictionary<string, string?>
        {
            ["ConnectionStrings:Lookout"] = "Host=127.0.0.1;Port=1;Username=postgres;Database=nowhere",
        }));

        Assert.True(failure.Message.StartsWith("Host 0 exited with code", StringComparison.Ordinal), failure.Message);
        Assert.True(failure.Message.Contains("Failed to connect to 127.0.0.1:1", StringComparison.Ordinal), failure.Message);
    }
}
