using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Lookout.Testing;
using Lookout.Visitors.Enrichment;
using Microsoft.Extensions.Options;

namespace Lookout.Visitors.Tests.Enrichment;

public sealed class ReverseDnsLookupTests
{
    private static readonly IPAddress Visitor = IPAddress.Parse("203.0.113.7");
    private static readonly IPAddress OtherVisitor = IPAddress.Parse("203.0.113.8");
    private static readonly IPAddress ThirdVisitor = IPAddress.Parse("203.0.113.9");
    private readonly ManualClock _clock = new();

    [Fact]
    public async Task Loopback_is_named_localhost_after_a_background_lookup()
    {
        using var lookup = new ReverseDnsLookup(Options.Create(new ReverseDnsOptions { Enabled = true }), TimeProvider.System);

        Assert.Null(lookup.TryGetCached(IPAddress.Loopback));
        await Eventually(() => lookup.TryGetCached(IPAddress.Loopback) == "localhost", "127.0.0.1 resolves to localhost");
        Assert.Equal("localhost", lookup.TryGetCached(IPAddress.Parse("::ffff:127.0.0.1")));
    }

    [Fact]
    public void Nothing_is_looked_up_unless_enabled()
    {
        var resolver = new FakeResolver();
        using var lookup = resolver.Lookup(new ReverseDnsOptions(), _clock);

        Assert.Null(lookup.TryGetCached(Visitor));
        Assert.Empty(resolver.Asked);
    }

    [Fact]
    public async Task A_known_name_is_served_until_it_expires_then_refreshed_while_the_old_one_is_still_served()
    {
        var resolver = new FakeResolver();
        resolver.Answer(Visitor, "old.example.net");
        using var lookup = resolver.Lookup(new ReverseDnsOptions { Enabled = true, CacheDuration = TimeSpan.FromHours(1) }, _clock);

        lookup.TryGetCached(Visitor);
        await Eventually(() => lookup.TryGetCached(Visitor) == "old.example.net", "the first lookup finished");
        resolver.Answer(Visitor, "new.example.net");
        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal("old.example.net", lookup.TryGetCached(Visitor));
        Assert.Single(resolver.Asked);

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("old.example.net", lookup.TryGetCached(Visitor));
        await Eventually(() => lookup.TryGetCached(Visitor) == "new.example.net", "the refresh finished");
        Assert.Equal(2, resolver.Asked.Count);
    }

    [Fact]
    public async Task A_lookup_that_times_out_gives_no_name_and_is_retried_later()
    {
        var resolver = new FakeResolver();
        resolver.Hang(Visitor);
        var options = new ReverseDnsOptions { Enabled = true, Timeout = TimeSpan.FromMilliseconds(50), FailureRetryAfter = TimeSpan.Zero };
        using var lookup = resolver.Lookup(options, TimeProvider.System);

        Assert.Null(lookup.TryGetCached(Visitor));
        await Eventually(() => { lookup.TryGetCached(Visitor); return resolver.Asked.Count >= 2; }, "the lookup was retried after timing out");
        resolver.Answer(Visitor, "late.example.net");
        await Eventually(() => lookup.TryGetCached(Visitor) == "late.example.net", "a retry found the name");
    }

    [Fact]
    public async Task A_failed_refresh_keeps_the_name_already_known()
    {
        var resolver = new FakeResolver();
        resolver.Answer(Visitor, "kept.example.net");
        using var lookup = resolver.Lookup(new ReverseDnsOptions { Enabled = true, CacheDuration = TimeSpan.FromHours(1) }, _clock);
        lookup.TryGetCached(Visitor);
        await Eventually(() => lookup.TryGetCached(Visitor) == "kept.example.net", "the first lookup finished");

        resolver.Fail(Visitor);
        _clock.Advance(TimeSpan.FromHours(2));
        lookup.TryGetCached(Visitor);
        await Eventually(() => resolver.Asked.Count == 2 && !lookup.IsLookingUp(Visitor), "the refresh failed");

        Assert.Equal("kept.example.net", lookup.TryGetCached(Visitor));
    }

    [Theory]
    [InlineData("Host-7.Dsl.Example.NET.", "host-7.dsl.example.net")]
    [InlineData("<script>alert(1)</script>.example", null)]
    [InlineData("203.0.113.7", null)]
    [InlineData("", null)]
    public async Task Only_what_looks_like_a_host_name_is_kept(string answer, string? kept)
    {
        var resolver = new FakeResolver();
        resolver.Answer(Visitor, answer);
        using var lookup = resolver.Lookup(new ReverseDnsOptions { Enabled = true }, _clock);

        lookup.TryGetCached(Visitor);
        await Eventually(() => !lookup.IsLookingUp(Visitor), "the lookup finished");

        Assert.Equal(kept, lookup.TryGetCached(Visitor));
    }

    [Fact]
    public async Task A_full_cache_takes_no_new_address_until_expired_ones_are_swept_out()
    {
        var resolver = new FakeResolver();
        resolver.Answer(Visitor, "one.example.net");
        resolver.Answer(OtherVisitor, "two.example.net");
        resolver.Answer(ThirdVisitor, "three.example.net");
        using var lookup = resolver.Lookup(new ReverseDnsOptions { Enabled = true, CacheCapacity = 2, CacheDuration = TimeSpan.FromMinutes(10) }, _clock);
        lookup.TryGetCached(Visitor);
        lookup.TryGetCached(OtherVisitor);
        await Eventually(() => lookup.TryGetCached(OtherVisitor) is not null && lookup.TryGetCached(Visitor) is not null, "both lookups finished");

        Assert.Null(lookup.TryGetCached(ThirdVisitor));
        Assert.DoesNotContain(ThirdVisitor, resolver.Asked);

        _clock.Advance(TimeSpan.FromMinutes(11));
        lookup.TryGetCached(ThirdVisitor);
        await Eventually(() => lookup.TryGetCached(ThirdVisitor) == "three.example.net", "the third address got room");
    }

    [Fact]
    public async Task Lookups_beyond_the_concurrency_limit_are_dropped_and_asked_again_later()
    {
        var resolver = new FakeResolver();
        resolver.Hang(Visitor);
        resolver.Answer(OtherVisitor, "two.example.net");
        using var lookup = resolver.Lookup(new ReverseDnsOptions { Enabled = true, MaxConcurrentLookups = 1, Timeout = TimeSpan.FromHours(1) }, _clock);

        lookup.TryGetCached(Visitor);
        await Eventually(() => resolver.Asked.Contains(Visitor), "the first lookup started");
        Assert.Null(lookup.TryGetCached(OtherVisitor));
        Assert.DoesNotContain(OtherVisitor, resolver.Asked);

        resolver.Answer(Visitor, "one.example.net");
        await Eventually(() => lookup.TryGetCached(Visitor) == "one.example.net", "the first lookup finished");
        lookup.TryGetCached(OtherVisitor);
        await Eventually(() => lookup.TryGetCached(OtherVisitor) == "two.example.net", "the dropped lookup was asked again");
    }

    private static async Task Eventually(Func<bool> condition, string because)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting: {because}");
            await Task.Delay(5);
        }
    }

    /// <summary>A resolver whose answers the test sets: a name, a hang (until answered) or a failure.</summary>
    private sealed class FakeResolver
    {
        private readonly ConcurrentDictionary<IPAddress, TaskCompletionSource<string?>> _answers = new();

        public ConcurrentQueue<IPAddress> Asked { get; } = new();

        public ReverseDnsLookup Lookup(ReverseDnsOptions options, TimeProvider clock) => new(options, clock, ResolveAsync);

        public void Answer(IPAddress address, string? name) => Pending(address).TrySetResult(name);

        public void Hang(IPAddress address) => Pending(address);

        public void Fail(IPAddress address) => Pending(address).TrySetException(new SocketException((int)SocketError.TryAgain));

        private TaskCompletionSource<string?> Pending(IPAddress address)
        {
            var current = _answers.GetOrAdd(address, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
            if (!current.Task.IsCompleted)
            {
                return current;
            }
            var next = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
            _answers[address] = next;
            return next;
        }

        private Task<string?> ResolveAsync(IPAddress address, CancellationToken cancellation)
        {
            Asked.Enqueue(address);
            return _answers.GetOrAdd(address, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }
}
