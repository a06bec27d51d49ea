using System.Text.Json;
using Lookout.Kernel.Text;

namespace Lookout.Visitors.Collect;

/// <summary>The body of a /collect request before the site is resolved.</summary>
public sealed record RawBatch(string SiteKey, string VisitorId, IReadOnlyList<TrackedEvent> Events);

/// <summary>
/// Reads a /collect body. Tracker input is hostile: every field is typed, bounded and validated here, once, and a
/// batch with one malformed event is refused whole with the path of the first problem (e.g. <c>events[2].url</c>).
/// </summary>
public static class CollectParser
{
    public const int MaxBodyBytes = 64 * 1024;
    public const int MaxEvents = 50;
    public const int MaxUrlLength = 2048;
    public const int MaxTitleLength = 512;
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromHours(1);
    private static readonly long MaxUnixMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 6 };

    public static bool TryParse(ReadOnlyMemory<byte> body, DateTimeOffset receivedAt, out RawBatch batch, out string error)
    {
        batch = null!;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Options);
        }
        catch (JsonException)
        {
            error = "$: not valid JSON (UTF-8).";
            return false;
        }
        using (document)
        {
            try
            {
                return TryRead(document.RootElement, receivedAt, out batch, out error);
            }
            catch (InvalidOperationException)
            {
                // Strings are decoded lazily: invalid UTF-8 inside one shows up here.
                error = "$: not valid UTF-8.";
                return false;
            }
        }
    }

    private static bool TryRead(JsonElement root, DateTimeOffset receivedAt, out RawBatch batch, out string error)
    {
        batch = null!;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "$: a JSON object is required.";
            return false;
        }
        if (!TryToken(root, "site", 8, 64, out var siteKey, out error)
            || !TryToken(root, "visitor", 16, 64, out var visitorId, out error))
        {
            return false;
        }
        // In milliseconds: both clocks are clamped to what a DateTimeOffset holds, so the offset and the corrected times
        // fit a long and never overflow, whatever the client's clock says.
        var offsetMs = 0L;
        if (root.TryGetProperty("sentAt", out var sentAt))
        {
            if (!TryMilliseconds(sentAt, out var sentMs))
            {
                error = "sentAt: milliseconds since 1970 expected.";
                return false;
            }
            offsetMs = receivedAt.ToUnixTimeMilliseconds() - sentMs;
        }
        if (!root.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
        {
            error = "events: an array is required.";
            return false;
        }
        var count = events.GetArrayLength();
        if (count is 0 or > MaxEvents)
        {
            error = $"events: between 1 and {MaxEvents} events.";
            return false;
        }
        var parsed = new List<TrackedEvent>(count);
        var index = 0;
        foreach (var element in events.EnumerateArray())
        {
            if (!TryEvent(element, receivedAt, offsetMs, out var trackedEvent, out var eventError))
            {
                error = $"events[{index}]{eventError}";
                return false;
            }
            if (trackedEvent is not null)
            {
                parsed.Add(trackedEvent);
            }
            index++;
        }
        batch = new RawBatch(siteKey, visitorId, parsed);
        error = "";
        return true;
    }

    /// <summary>One event; <paramref name="trackedEvent"/> is null for one dropped without refusing the batch.</summary>
    private static bool TryEvent(JsonElement element, DateTimeOffset receivedAt, long offsetMs, out TrackedEvent? trackedEvent, out string error)
    {
        trackedEvent = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = ": an object is required.";
            return false;
        }
        if (!TryTime(element, receivedAt, offsetMs, out var at, out error))
        {
            return false;
        }
        var type = element.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        switch (type)
        {
            case "pageview":
                if (!TryToken(element, "pageId", 8, 64, out var pageId, out error)
                    || !TryUrl(element, "url", required: true, out var url, out error)
                    || !TryUrl(element, "referrer", required: false, out var referrer, out error)
                    || !TryText(element, "title", MaxTitleLength, out var title, out error))
                {
                    error = "." + error;
                    return false;
                }
                trackedEvent = new PageViewEvent(at, pageId, url!, title, referrer);
                return true;
            case "heartbeat" or "leave":
                if (!TryToken(element, "pageId", 8, 64, out var id, out error))
                {
                    error = "." + error;
                    return false;
                }
                trackedEvent = type == "heartbeat" ? new HeartbeatEvent(at, id) : new LeaveEvent(at, id);
                return true;
            case "identify":
                if (!TryText(element, "email", 254, out var email, out error)
                    || !TryText(element, "name", 200, out var name, out error)
                    || !TryText(element, "company", 200, out var company, out error)
                    || !TryText(element, "phone", 40, out var phone, out error))
                {
                    error = "." + error;
                    return false;
                }
                if (email is null && name is null && company is null && phone is null)
                {
                    error = ": identify needs at least one of email, name, company, phone.";
                    return false;
                }
                // A lead's email is the one rule's or none: an invalid one (a header smuggled after a line separator,
                // a typo) is dropped, not the batch; an identify left with nothing is dropped too.
                email = EmailAddress.TryNormalize(email, out var valid) ? valid : null;
                trackedEvent = email is null && name is null && company is null && phone is null ? null : new IdentifyEvent(at, email, name, company, phone);
                return true;
            case "event":
                if (!TryText(element, "name", 100, out var eventName, out error) || eventName is null)
                {
                    error = ".name: " + (error.Length > 0 ? error : "required.");
                    return false;
                }
                if (!TryProps(element, out var props, out error))
                {
                    error = ".props" + error;
                    return false;
                }
                trackedEvent = new CustomEvent(at, eventName, props);
                return true;
            default:
                error = ".type: one of pageview, heartbeat, leave, identify, event.";
                return false;
        }
    }

    // The client's timestamps place events within the batch; the server's clock says when the batch arrived.
    private static bool TryTime(JsonElement element, DateTimeOffset receivedAt, long offsetMs, out DateTimeOffset at, out string error)
    {
        at = receivedAt;
        error = "";
        if (!element.TryGetProperty("ts", out var ts))
        {
            return true;
        }
        if (!TryMilliseconds(ts, out var ms))
        {
            error = ".ts: milliseconds since 1970 expected.";
            return false;
        }
        var received = receivedAt.ToUnixTimeMilliseconds();
        var corrected = Math.Clamp(ms + offsetMs, received - (long)MaxClockSkew.TotalMilliseconds, received);
        at = receivedAt.AddMilliseconds(corrected - received);
        return true;
    }

    /// <summary>A whole number of milliseconds since 1970, clamped to the years 1970 to 9999.</summary>
    private static bool TryMilliseconds(JsonElement element, out long ms)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out ms))
        {
            ms = 0;
            return false;
        }
        ms = Math.Clamp(ms, 0, MaxUnixMilliseconds);
        return true;
    }

    /// <summary>An id made of [A-Za-z0-9_-].</summary>
    private static bool TryToken(JsonElement element, string name, int min, int max, out string value, out string error)
    {
        value = "";
        if (!element.TryGetProperty(name, out var property) || property.ValueKind != JsonValueKind.String)
        {
            error = $"{name}: a string is required.";
            return false;
        }
        var text = property.GetString()!;
        if (text.Length < min || text.Length > max || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            error = $"{name}: {min} to {max} characters of A-Z, a-z, 0-9, _ and -.";
            return false;
        }
        value = text;
        error = "";
        return true;
    }

    /// <summary>Optional text, trimmed, what display text must not hold removed; too long is refused.</summary>
    private static bool TryText(JsonElement element, string name, int max, out string? value, out string error)
    {
        value = null;
        error = "";
        if (!element.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (property.ValueKind != JsonValueKind.String)
        {
            error = $"{name}: a string is expected.";
            return false;
        }
        var text = Clean(property.GetString()!);
        if (text.Length > max)
        {
            error = $"{name}: at most {max} characters.";
            return false;
        }
        value = text.Length == 0 ? null : text;
        return true;
    }

    private static bool TryUrl(JsonElement element, string name, bool required, out string? value, out string error)
    {
        if (!TryText(element, name, MaxUrlLength, out value, out error))
        {
            return false;
        }
        if (value is null)
        {
            if (required)
            {
                error = $"{name}: required.";
                return false;
            }
            return true;
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            if (required)
            {
                error = $"{name}: an absolute http(s) URL is required.";
                return false;
            }
            value = null; // a referrer like android-app://... is not an error, just not a web page
        }
        return true;
    }

    private static bool TryProps(JsonElement element, out IReadOnlyDictionary<string, string> props, out string error)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        props = result;
        error = "";
        if (!element.TryGetProperty("props", out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (property.ValueKind != JsonValueKind.Object)
        {
            error = ": an object is expected.";
            return false;
        }
        foreach (var entry in property.EnumerateObject())
        {
            if (result.Count == 20)
            {
                error = ": at most 20 properties.";
                return false;
            }
            var key = Clean(entry.Name);
            if (key.Length is 0 or > 50)
            {
                error = ": property names have 1 to 50 characters.";
                return false;
            }
            var value = entry.Value.ValueKind switch
            {
                JsonValueKind.String => Clean(entry.Value.GetString()!),
                JsonValueKind.Number => entry.Value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            };
            if (value is null || value.Length > 256)
            {
                error = $".{key}: a string, number or boolean of at most 256 characters.";
                return false;
            }
            result[key] = value;
        }
        return true;
    }

    private static string Clean(string text) => DisplayText.Strip(text);
}
