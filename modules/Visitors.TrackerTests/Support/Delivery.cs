using System.Text.Json.Nodes;

namespace Lookout.Visitors.Tracker.Tests.Support;

/// <summary>One body received at <c>/collect</c>, with what the browser said about how it was sent.</summary>
/// <param name="FetchMode"><c>Sec-Fetch-Mode</c>: "no-cors" for sendBeacon, "cors" for the tracker's fetch.</param>
public sealed record Delivery(JsonObject Body, string ContentType, string FetchMode, bool HadCookies, int Bytes)
{
    public string Site => Body["site"]!.GetValue<string>();

    public string Visitor => Body["visitor"]!.GetValue<string>();

    public IReadOnlyList<JsonObject> Events => Body["events"]!.AsArray().Select(e => e!.AsObject()).ToList();
}
