using System.Text;
using Lookout.Visitors.Collect;

namespace Lookout.Visitors.Tests.Collect;

public sealed class CollectParserTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private const string Site = "abcdefghij0123456789";
    private const string Visitor = "V1StGXR8_Z5jdHi6B-myT";

    private static (bool Ok, RawBatch Batch, string Error) Parse(string json)
    {
        var ok = CollectParser.TryParse(Encoding.UTF8.GetBytes(json), ReceivedAt, out var batch, out var error);
        return (ok, batch, error);
    }

    private static string Body(string events, long? sentAt = null) =>
        $$"""{"site":"{{Site}}","visitor":"{{Visitor}}"{{(sentAt is null ? "" : $",\"sentAt\":{sentAt}")}},"events":[{{events}}]}""";

    [Fact]
    public void A_page_view_batch_is_read_with_its_fields()
    {
        var (ok, batch, _) = Parse(Body("""{"type":"pageview","pageId":"p1234567","url":"https://shop.example.com/a?b=1","title":"Shop","referrer":"https://www.google.com/search?q=lamps"}"""));

        Assert.True(ok);
        Assert.Equal(Site, batch.SiteKey);
        Assert.Equal(Visitor, batch.VisitorId);
        var pageView = Assert.IsType<PageViewEvent>(Assert.Single(batch.Events));
        Assert.Equal("https://shop.example.com/a?b=1", pageView.Url);
        Assert.Equal("Shop", pageView.Title);
        Assert.Equal("https://www.google.com/search?q=lamps", pageView.Referrer);
        Assert.Equal(ReceivedAt, pageView.At);
    }

    [Fact]
    public void Client_timestamps_place_events_relative_to_the_server_clock()
    {
        var sentAt = 1_000_000_000_000L;
        var (ok, batch, _) = Parse(Body($$"""{"type":"heartbeat","pageId":"p1234567","ts":{{sentAt - 15_000}}},{"type":"leave","pageId":"p1234567","ts":{{sentAt}}}""", sentAt));

        Assert.True(ok);
        Assert.Equal(ReceivedAt.AddSeconds(-15), batch.Events[0].At);
        Assert.Equal(ReceivedAt, batch.Events[1].At);
    }

    [Fact]
    public void Timestamps_from_the_future_or_far_past_are_clamped()
    {
        var (ok, batch, _) = Parse(Body("""{"type":"heartbeat","pageId":"p1234567","ts":99999999999999},{"type":"heartbeat","pageId":"p1234567","ts":1}""", 1_000_000_000_000));

        Assert.True(ok);
        Assert.Equal(ReceivedAt, batch.Events[0].At);
        Assert.Equal(ReceivedAt.AddHours(-1), batch.Events[1].At);
    }

    [Fact]
    public void An_identify_email_that_is_not_an_address_is_dropped_and_an_identify_left_with_nothing_too()
    {
        var (ok, batch, _) = Parse(Body("""
            {"type":"identify","email":"ann@example.com\u2028bcc: eve@example.com","name":"Ann"},
            {"type":"identify","email":"Ann <ann@example.com>"},
            {"type":"identify","email":" Bob@Example.com "}
            """));

        Assert.True(ok);
        Assert.Collection(
            batch.Events.Cast<IdentifyEvent>(),
            first => Assert.Equal((null, "Ann"), (first.Email, first.Name)),
            last => Assert.Equal("bob@example.com", last.Email));
    }

    [Fact]
    public void Tracker_text_loses_control_bidi_and_separator_characters()
    {
        var (ok, batch, _) = Parse(Body("""{"type":"pageview","pageId":"p1234567","url":"https://shop.example.com/","title":"Sale\u202E \u0000now\u2028 on\u2066"}"""));

        Assert.True(ok);
        Assert.Equal("Sale now on", Assert.IsType<PageViewEvent>(Assert.Single(batch.Events)).Title);
    }

    [Theory]
    [InlineData(253402300799999, 0)]
    [InlineData(0, 253402300799999)]
    [InlineData(long.MaxValue, long.MinValue)]
    [InlineData(long.MinValue, long.MaxValue)]
    [InlineData(-62135596800000, 253402300799999)]
    public void Client_clocks_at_the_ends_of_time_are_clamped_rather_than_overflow(long sentAt, long ts)
    {
        var (ok, batch, _) = Parse(Body($$"""{"type":"heartbeat","pageId":"p1234567","ts":{{ts}}}""", sentAt));

        Assert.True(ok);
        Assert.InRange(Assert.Single(batch.Events).At, ReceivedAt.AddHours(-1), ReceivedAt);
    }

    [Theory]
    [InlineData("1e308")]
    [InlineData("-1e308")]
    [InlineData("9223372036854775808")]
    [InlineData("1.5")]
    public void A_timestamp_that_is_not_a_whole_64_bit_number_is_refused_naming_it(string number)
    {
        var (tsOk, _, tsError) = Parse(Body($$"""{"type":"heartbeat","pageId":"p1234567","ts":{{number}}}""", 1_000_000_000_000));
        var (sentOk, _, sentError) = Parse($$"""{"site":"{{Site}}","visitor":"{{Visitor}}","sentAt":{{number}},"events":[{"type":"heartbeat","pageId":"p1234567"}]}""");

        Assert.False(tsOk);
        Assert.StartsWith("events[0].ts:", tsError, StringComparison.Ordinal);
        Assert.False(sentOk);
        Assert.StartsWith("sentAt:", sentError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "$")]
    [InlineData("[]", "$")]
    [InlineData("""{"site":"x","visitor":"V1StGXR8_Z5jdHi6B-myT","events":[]}""", "site")]
    [InlineData("""{"site":"abcdefghij0123456789","visitor":"<script>","events":[]}""", "visitor")]
    [InlineData("""{"site":"abcdefghij0123456789","visitor":"V1StGXR8_Z5jdHi6B-myT","events":[]}""", "events")]
    [InlineData("""{"site":"abcdefghij0123456789","visitor":"V1StGXR8_Z5jdHi6B-myT","events":{}}""", "events")]
    [InlineData("""{"site":"abcdefghij0123456789","visitor":"V1StGXR8_Z5jdHi6B-myT","events":[{"type":"pageview","pageId":"p1234567","url":"javascript:alert(1)"}]}""", "events[0].url")]
    [InlineData("""{"site":"abcdefghij0123456789","visitor":"V1StGXR8_Z5jdHi6B-myT","events":[{"type":"pageview","pageId":"p1234567","url":42}]}""", "events[0].url")]
    [InlineData("""{"site":"abcdefghij0123456789","visitor":"V1StGXR8_Z5jdHi6B-myT","events":[{"type":"teleport"}]}""", "events[0].type")]
    [InlineData("""{"site":"abcdefghij0123456789","visitor":"V1StGXR8_Z5jdHi6B-myT","events":[{"type":"identify"}]}""", "events[0]")]
    [InlineData("""{"site":"abcdefghij0123456789","visitor":"V1StGXR8_Z5jdHi6B-myT","events":[{"type":"event","name":"x","props":{"a":{"b":1}}}]}""", "events[0].props")]
    [InlineData("""{"site":"abcdefghij0123456789","visitor":"V1StGXR8_Z5jdHi6B-myT","events":[{"type":"heartbeat","pageId":"p1234567","ts":"soon"}]}""", "events[0].ts")]
    public void Malformed_batches_are_refused_naming_the_first_bad_field(string json, string field)
    {
        var (ok, _, error) = Parse(json);

        Assert.False(ok);
        Assert.StartsWith(field, error, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_fifty_events_are_refused()
    {
        var events = string.Join(",", Enumerable.Repeat("""{"type":"heartbeat","pageId":"p1234567"}""", 51));

        Assert.StartsWith("events", Parse(Body(events)).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Deeply_nested_json_is_refused_not_crashed_on()
    {
        var json = new string('[', 10_000) + new string(']', 10_000);

        Assert.False(Parse(json).Ok);
    }

    [Fact]
    public void Invalid_utf8_is_refused()
    {
        var bytes = Encoding.UTF8.GetBytes(Body("""{"type":"pageview","pageId":"p1234567","url":"https://a.example/X"}""")).ToList();
        bytes[bytes.IndexOf((byte)'X')] = 0xC3; // a lead byte with no continuation

        Assert.False(CollectParser.TryParse(bytes.ToArray(), ReceivedAt, out _, out _));
    }

    [Fact]
    public void Control_characters_are_removed_and_script_tags_kept_as_text()
    {
        var (ok, batch, _) = Parse(Body("""{"type":"pageview","pageId":"p1234567","url":"https://a.example/","title":"<script>alert(1)</script>\u0000\u0007"}"""));

        Assert.True(ok);
        Assert.Equal("<script>alert(1)</script>", ((PageViewEvent)batch.Events[0]).Title);
    }

    [Fact]
    public void A_referrer_that_is_not_a_web_page_is_dropped_not_refused()
    {
        var (ok, batch, _) = Parse(Body("""{"type":"pageview","pageId":"p1234567","url":"https://a.example/","referrer":"android-app://com.google.android.gm/"}"""));

        Assert.True(ok);
        Assert.Null(((PageViewEvent)batch.Events[0]).Referrer);
    }

    [Fact]
    public void Identify_and_custom_events_keep_their_values()
    {
        var (ok, batch, _) = Parse(Body("""
            {"type":"identify","email":"ana@example.com","name":"Ana","company":"Acme","phone":"+33 1 23"},
            {"type":"event","name":"signup","props":{"plan":"team","seats":5,"trial":true}}
            """));

        Assert.True(ok);
        var identify = Assert.IsType<IdentifyEvent>(batch.Events[0]);
        Assert.Equal(("ana@example.com", "Ana", "Acme", "+33 1 23"), (identify.Email, identify.Name, identify.Company, identify.Phone));
        var custom = Assert.IsType<CustomEvent>(batch.Events[1]);
        Assert.Equal("signup", custom.Name);
        Assert.Equal(new Dictionary<string, string> { ["plan"] = "team", ["seats"] = "5", ["trial"] = "true" }, custom.Props);
    }
}
