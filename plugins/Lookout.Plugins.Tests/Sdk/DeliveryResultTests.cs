namespace Lookout.Plugins.Tests.Sdk;

public sealed class DeliveryResultTests
{
    [Fact]
    public void A_failure_needs_a_reason()
    {
        Assert.Throws<ArgumentException>(() => DeliveryResult.Permanent(" "));
        Assert.Throws<ArgumentException>(() => DeliveryResult.Transient(""));
    }

    [Fact]
    public void An_http_answer_reads_as_delivered_transient_or_permanent()
    {
        Assert.True(DeliveryResult.FromHttpStatus(204).IsDelivered);
        Assert.Equal(DeliveryOutcome.TransientFailure, DeliveryResult.FromHttpStatus(503, TimeSpan.FromSeconds(3)).Outcome);
        Assert.Equal(TimeSpan.FromSeconds(3), DeliveryResult.FromHttpStatus(503, TimeSpan.FromSeconds(3)).RetryAfter);
        Assert.Equal(DeliveryOutcome.PermanentFailure, DeliveryResult.FromHttpStatus(301).Outcome);
        Assert.Equal("The target answered HTTP 404.", DeliveryResult.FromHttpStatus(404).Reason);
    }
}
