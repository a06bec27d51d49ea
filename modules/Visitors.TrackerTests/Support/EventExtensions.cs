using System.Text.Json.Nodes;

namespace Lookout.Visitors.Tracker.Tests.Support;

public static class EventExtensions
{
    public static IReadOnlyList<JsonObject> OfType(this IEnumerable<JsonObject> events, string type) =>
        events.Where(e => e.Text("type") == type).ToList();

    public static string Text(this JsonObject e, string name) => e[name]!.GetValue<string>();

    public static long Ts(this JsonObject e) => e["ts"]!.GetValue<long>();
}
