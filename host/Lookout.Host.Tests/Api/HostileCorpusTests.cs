using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Lookout.Host.Testing;
using Xunit.Abstractions;

namespace Lookout.Host.Tests.Api;

/// <summary>
/// No input answers 5xx: a corpus generated here (malformed JSON, deep nesting, boundary numbers, invalid UTF-8 and
/// UTF-16, huge fields and records, wrong content types) goes to <c>/collect</c> and to every route that takes a body
/// as the OpenAPI document lists it, so a new route is covered without editing this test.
/// </summary>
public sealed class HostileCorpusTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int MinRequests = 5_000;
    private const int Workers = 4;
    private const string Chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    /// <summary>Under the host's 1 MiB limit for JSON bodies, so that the body is read and parsed rather than refused unread.</summary>
    private const int HugeText = 900_000;

    private LookoutApp _app = null!;

    public async Task InitializeAsync() =>
        _app = await LookoutApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Collect:RequestsPerIpPerMinute"] = "10000000",
            ["Collect:RequestsPerSitePerMinute"] = "10000000",
            ["Account:LoginAttemptsPerMinute"] = "10000000",
        });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A route that takes a body: its method, path template, media type and a valid-looking body to break.</summary>
    private sealed record Route(string Method, string Template, string? ContentType, JsonNode? Sample)
    {
        public string Name => $"{Method} {Template}";
    }

    private sealed record Failure(string Route, int Status, string Body);

    [Fact]
    public async Task Thousands_of_hostile_bodies_to_every_route_that_takes_one_answer_4xx_and_the_host_stays_up()
    {
        using var admin = await _app.SignInAsAdminAsync();
        var routes = await RoutesAsync(admin);
        Assert.Contains(routes, r => r.Name == "PUT /api/plugins/{id}/settings");
        Assert.Contains(routes, r => r.Name == "POST /api/contacts/import");
        var siteKey = (await ApiClient.ReadAsync(await admin.GetAsync("/api/workspaces/sites"), HttpStatusCode.OK))[0]!["siteKey"]!.GetValue<string>();
        var ids = new IdPool();
        await ids.DiscoverAsync(admin, routes);

        var failures = new ConcurrentBag<Failure>();
        var statuses = new ConcurrentDictionary<int, int>();
        var count = 0;
        var perWorker = (MinRequests + Workers - 1) / Workers + routes.Count;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async worker =>
        {
            var client = await _app.SignInAsAdminAsync();
            // Routes that take no body (a logout among them) get the corpus too, from a client of their own: signing
            // in again after each logout would cost more than the rest of the corpus.
            var bodiless = await _app.SignInAsAdminAsync();
            var bodilessSignOuts = 0;
            using var tracker = new HttpClient { BaseAddress = _app.BaseAddress };
            var random = new Random(20261204 + worker);
            for (var i = 0; i < perWorker; i++)
            {
                // Every route gets its share; /collect gets one route's share more, as hostile as it is public.
                var pick = (i * Workers + worker) % (routes.Count + 2);
                var sender = pick < routes.Count && routes[pick].ContentType is null ? bodiless : client;
                var (route, status, body) = pick < routes.Count
                    ? await SendToRouteAsync(sender, routes[pick], ids, random)
                    : await SendToCollectAsync(tracker, siteKey, random);
                Interlocked.Increment(ref count);
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (status >= 500 || status == 0)
                {
                    failures.Add(new Failure(route, status, body));
                }
                if (status == 401 && sender == client)
                {
                    client.Dispose();
                    client = await _app.SignInAsAdminAsync();
                }
                else if (status == 401 && bodilessSignOuts++ % 10 == 0)
                {
                    bodiless.Dispose();
                    bodiless = await _app.SignInAsAdminAsync();
                }
            }
            client.Dispose();
            bodiless.Dispose();
        }));

        output.WriteLine($"{count} requests to {routes.Count} routes and /collect; statuses: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");
        Assert.True(count >= MinRequests, $"only {count} requests");
        Assert.True(
            failures.IsEmpty,
            $"{failures.Count} requests were answered 5xx or not at all (status 0):\n" + string.Join("\n", failures.GroupBy(f => (f.Route, f.Status)).Select(g => $"{g.Key.Status} {g.Key.Route} ×{g.Count()}, e.g. {g.First().Body}")));
        using var health = await admin.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    /// <summary>Every POST, PUT and PATCH of the OpenAPI document, with a body built from its request schema.</summary>
    private static async Task<List<Route>> RoutesAsync(ApiClient admin)
    {
        using var response = await admin.GetAsync("/openapi/v1.json");
        var document = await ApiClient.ReadAsync(response, HttpStatusCode.OK);
        var routes = new List<Route>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is not ("post" or "put" or "patch"))
                {
                    continue;
                }
                var content = operation!["requestBody"]?["content"]?.AsObject();
                var contentType = content?.Select(c => c.Key).FirstOrDefault();
                var schema = content?.Select(c => c.Value?["schema"]).FirstOrDefault();
                routes.Add(new Route(method.ToUpperInvariant(), path, contentType, schema is null ? null : Sample(document, schema, depth: 0)));
            }
        }
        return routes;
    }

    /// <summary>A value that fits <paramref name="schema"/>: the body each hostile variant starts from.</summary>
    private static JsonNode? Sample(JsonNode document, JsonNode schema, int depth)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            var target = reference["#/".Length..].Split('/').Aggregate((JsonNode?)document, (node, part) => node?[part]);
            return depth > 4 || target is null ? null : Sample(document, target, depth + 1);
        }
        var type = schema["type"] switch
        {
            JsonArray types => types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null"),
            JsonValue one => one.GetValue<string>(),
            _ => schema["properties"] is not null ? "object" : null,
        };
        if (schema["enum"] is JsonArray choices && choices.Count > 0)
        {
            return choices[0]?.DeepClone();
        }
        switch (type)
        {
            case "string":
                return "sample";
            case "integer" or "number":
                return 1;
            case "boolean":
                return true;
            case "array":
                return schema["items"] is { } items && depth < 4 ? new JsonArray(Sample(document, items, depth + 1)) : new JsonArray();
            case "object":
                var result = new JsonObject();
                foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
                {
                    result[name] = depth < 4 && property is not null ? Sample(document, property, depth + 1) : null;
                }
                return result;
            default:
                return null;
        }
    }

    /// <summary>Ids of real records for path parameters: listed by the route's collection, or answered by a POST to it.</summary>
    private sealed class IdPool
    {
        private readonly ConcurrentDictionary<string, ConcurrentBag<string>> _byCollection = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, Task<JsonNode?>> _shown = new(StringComparer.Ordinal);

        public async Task DiscoverAsync(ApiClient admin, IEnumerable<Route> routes)
        {
            foreach (var collection in routes.Select(r => Collection(r.Template)).OfType<string>().Distinct())
            {
                using var response = await admin.GetAsync(collection);
                if (response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == "application/json"
                    && JsonNode.Parse(await response.Content.ReadAsStringAsync()) is JsonArray items)
                {
                    foreach (var id in items.Select(i => i?["id"]).OfType<JsonValue>())
                    {
                        Add(collection, id.ToString());
                    }
                }
            }
        }

        /// <summary>
        /// The sample body with what a GET of the record shows merged in (its fields, and the fields of objects it
        /// holds, such as a plugin's setting values): a PUT takes what the record shows.
        /// </summary>
        public Task<JsonNode?> ShownAsync(ApiClient client, string path, JsonNode? sample) =>
            _shown.GetOrAdd(path, async _ =>
            {
                var merged = sample?.DeepClone() as JsonObject ?? new JsonObject();
                using var response = await client.GetAsync(path);
                if (response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == "application/json"
                    && JsonNode.Parse(await response.Content.ReadAsStringAsync()) is JsonObject shown)
                {
                    foreach (var (name, value) in shown)
                    {
                        foreach (var (field, fieldValue) in value is JsonObject inner ? inner.ToList() : [new(name, value)])
                        {
                            if (!merged.ContainsKey(field))
                            {
                                merged[field] = fieldValue?.DeepClone();
                            }
                        }
                    }
                }
                return (JsonNode?)merged;
            });

        /// <summary>Remembers the ids a successful POST answered with (<c>id</c>, <c>importId</c>...).</summary>
        public void Learn(string path, string json)
        {
            if (json.Length is 0 or > 100_000 || !json.StartsWith('{'))
            {
                return;
            }
            try
            {
                foreach (var (name, value) in JsonNode.Parse(json)!.AsObject())
                {
                    if ((name == "id" || name.EndsWith("Id", StringComparison.Ordinal)) && value is JsonValue id && id.TryGetValue<string>(out var text))
                    {
                        Add(path.TrimEnd('/'), text);
                    }
                }
            }
            catch (System.Text.Json.JsonException)
            {
                // Not every success is a JSON object of ids: nothing to learn.
            }
        }

        /// <summary>The template with each parameter replaced by a known id of its collection, mostly, or a random one.</summary>
        public string Fill(string template, Random random)
        {
            var path = new StringBuilder();
            foreach (var segment in template.Split('/'))
            {
                if (segment.StartsWith('{'))
                {
                    var collection = path.ToString();
                    path.Append('/').Append(
                        _byCollection.TryGetValue(collection, out var known) && !known.IsEmpty && random.Next(8) != 0
                            ? Uri.EscapeDataString(known.ElementAt(random.Next(known.Count)))
                            : RandomId(random));
                }
                else if (segment.Length > 0)
                {
                    path.Append('/').Append(segment);
                }
            }
            return path.ToString();
        }

        private void Add(string collection, string id)
        {
            var bag = _byCollection.GetOrAdd(collection, _ => []);
            if (bag.Count < 50)
            {
                bag.Add(id);
            }
        }

        private static string? Collection(string template) =>
            template.IndexOf("/{", StringComparison.Ordinal) is var at and > 0 ? template[..at] : null;

        private static string RandomId(Random random) => random.Next(4) switch
        {
            0 => Guid.NewGuid().ToString("N"),
            1 => Uri.EscapeDataString("../" + new string('a', random.Next(1, 300))),
            2 => "%2500",
            _ => Uri.EscapeDataString("\u202e" + random.NextInt64()),
        };
    }

    private static async Task<(string Route, int Status, string Body)> SendToRouteAsync(ApiClient client, Route route, IdPool ids, Random random)
    {
        var path = ids.Fill(route.Template, random);
        var sample = route.Method is "PUT" or "PATCH" && path != route.Template ? await ids.ShownAsync(client, path, route.Sample) : route.Sample;
        var (body, contentType) = route.ContentType is null or "application/json" || random.Next(10) == 0
            ? HostileJson(sample, random)
            : HostileFile(random);
        using var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(new HttpMethod(route.Method), path, content);
        }
        catch (HttpRequestException e)
        {
            // The host closed the connection without an answer: as much a failure as a 5xx.
            return (route.Name + " " + path + " " + e.Message, 0, Describe(contentType, body));
        }
        using var _ = response;
        var answer = await response.Content.ReadAsStringAsync();
        if (response.IsSuccessStatusCode && route.Method == "POST")
        {
            ids.Learn(path, answer);
        }
        return (route.Name, (int)response.StatusCode, Describe(contentType, body));
    }

    private static async Task<(string Route, int Status, string Body)> SendToCollectAsync(HttpClient tracker, string siteKey, Random random)
    {
        var site = random.Next(4) == 0 ? "unknownsite" + random.Next(1000) : siteKey;
        var visitor = $"corpus-visitor-{random.Next(20):D4}";
        var sample = JsonNode.Parse($$$"""
            {"site":"{{{site}}}","visitor":"{{{visitor}}}","sentAt":1764806400000,"events":[
              {"type":"pageview","pageId":"corpus-page-0001","url":"https://shop.example.com/","title":"Home","referrer":"https://www.google.com/?q=a","ts":1764806400000},
              {"type":"identify","email":"ann@example.com","name":"Ann","company":"Acme","phone":"+33612345678"},
              {"type":"event","name":"signup","props":{"plan":"pro"}}]}
            """);
        var (body, contentType) = HostileJson(sample, random);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/collect") { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", random.Next(3) == 0 ? contentType : "text/plain");
        request.Headers.Add("Origin", tracker.BaseAddress!.GetLeftPart(UriPartial.Authority));
        request.Headers.UserAgent.ParseAdd(Chrome);
        // /collect refuses a body over 64 KiB unread: asked first, it says so before the client sends the body into a
        // connection the host is closing.
        request.Headers.ExpectContinue = body.Length > 64 * 1024;
        using var response = await tracker.SendAsync(request);
        return ("POST /collect", (int)response.StatusCode, Describe(contentType, body));
    }

    /// <summary>A JSON body broken in one of many ways, mostly one field of a valid-looking body.</summary>
    private static (byte[] Body, string? ContentType) HostileJson(JsonNode? sample, Random random)
    {
        const string Json = "application/json";
        var kind = random.Next(20);
        switch (kind)
        {
            case 0:
                return (Utf8(Malformed[random.Next(Malformed.Length)]), Json);
            case 1:
                var depth = random.Next(2) == 0 ? 64 + random.Next(10) : 10_000;
                return (Utf8(random.Next(2) == 0
                    ? new string('[', depth) + new string(']', depth)
                    : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)), Json);
            case 2:
                return (Utf8(Numbers[random.Next(Numbers.Length)]), Json);
            case 3:
                // Invalid UTF-8 where a string or a name is expected, and around it.
                var text = (sample ?? new JsonObject()).ToJsonString();
                var bytes = Utf8(text).ToList();
                var bad = InvalidUtf8[random.Next(InvalidUtf8.Length)];
                var at = text.IndexOf("\"sample\"", StringComparison.Ordinal) is var s and >= 0 ? Encoding.UTF8.GetByteCount(text[..(s + 1)]) : random.Next(bytes.Count + 1);
                bytes.InsertRange(at, bad);
                return (bytes.ToArray(), Json);
            case 4:
                return (Encoding.Unicode.GetBytes((sample ?? new JsonObject()).ToJsonString()), random.Next(2) == 0 ? "application/json; charset=utf-16" : Json);
            case 5:
                return (Utf8((sample ?? new JsonObject()).ToJsonString()), WrongContentTypes[random.Next(WrongContentTypes.Length)]);
            case 6 when random.Next(3) == 0:
                var big = random.Next(3) == 0 ? string.Concat(Enumerable.Repeat("{\"a\":\"b\"},", HugeText / 10)) : string.Concat(Enumerable.Repeat("1,", HugeText / 2));
                return (Utf8("{\"items\":[" + big.TrimEnd(',') + "]}"), Json);
            default:
                return (Utf8(WithHostileField(sample, random)), Json);
        }
    }

    /// <summary>The sample with one of its fields (or a new one) set to a hostile value; written by hand so that lone surrogates stay in.</summary>
    private static string WithHostileField(JsonNode? sample, Random random)
    {
        var fields = new List<(JsonNode? Parent, string Name)>();
        Collect(sample, fields);
        var value = HostileValues[random.Next(HostileValues.Length)];
        if (value == "HUGE")
        {
            value = "\"" + new string(random.Next(2) == 0 ? 'a' : '<', random.Next(4) == 0 ? HugeText : 70_000) + "\"";
        }
        const string Marker = "\"@@corpus@@\"";
        if (fields.Count == 0 || random.Next(8) == 0)
        {
            var hostileName = HostileNames[random.Next(HostileNames.Length)];
            var root = sample is JsonObject ? sample.ToJsonString() : "{}";
            return root.Length > 2 ? "{" + hostileName + ":" + value + "," + root[1..] : "{" + hostileName + ":" + value + "}";
        }
        var copy = sample!.DeepClone();
        var targets = new List<(JsonNode? Parent, string Name)>();
        Collect(copy, targets);
        var (parent, name) = targets[random.Next(targets.Count)];
        switch (parent)
        {
            case JsonObject o:
                o[name] = "@@corpus@@";
                break;
            case JsonArray a:
                a[int.Parse(name, CultureInfo.InvariantCulture)] = "@@corpus@@";
                break;
        }
        return copy.ToJsonString().Replace(Marker, value, StringComparison.Ordinal);
    }

    private static void Collect(JsonNode? node, List<(JsonNode? Parent, string Name)> fields)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o)
                {
                    fields.Add((o, name));
                    Collect(child, fields);
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    fields.Add((a, i.ToString(CultureInfo.InvariantCulture)));
                    Collect(a[i], fields);
                }
                break;
        }
    }

    /// <summary>A file for an upload route: CSV broken in one of many ways.</summary>
    private static (byte[] Body, string? ContentType) HostileFile(Random random)
    {
        const string Csv = "text/csv";
        return random.Next(20) switch
        {
            0 => (Utf8("Full name,E-mail\n\"" + new string('a', 1_100_000) + "\",a@example.com\n"), Csv),
            1 => (Utf8("Full name,E-mail\nAnn,\"" + new string('x', 1_100_000) + "\n"), Csv),
            2 => (Utf8(new string('h', 1_100_000) + ",E-mail\nAnn,ann@example.com\n"), Csv),
            3 => ([.. Utf8("Full name,E-mail\n"), 0xFF, 0xFE, 0xC0, 0xAF, 0xED, 0xA0, 0x80, .. Utf8(",x@example.com\n")], Csv),
            4 => (Utf8("Full name,E-mail\n\"Ann,ann@example.com\nBob\",\"b\"c\"@example.com\n"), Csv),
            5 => (Utf8("Full name,E-mail\n\0\0\0,\u202e@example.com\n=cmd|' /C calc'!A0,\u2028@x.com\n"), Csv),
            6 => (Utf8(string.Join(",", Enumerable.Range(0, 20_000).Select(i => "c" + i)) + "\n1,2\n"), Csv),
            7 => ([], Csv),
            8 => (Utf8("Full name,E-mail\nAnn,ann@example.com\n"), WrongContentTypes[random.Next(WrongContentTypes.Length)]),
            _ => (Utf8("Full name,E-mail\nAnn,ann@example.com\n"), Csv),
        };
    }

    private static readonly string[] Malformed =
    [
        "{\"name\": ", "{\"name\": \"x\",}", "{'name': 'x'}", "{\"name\" \"x\"}", "{{}}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":01}",
        "{\"a\":1.}", "{\"a\":.5}", "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"tab\there\"}", "{} {}", "[", "]", "\"", "nul", "tru",
        "{\"a\":1}garbage", "/* comment */ {}", "\uFEFF{}", "", " ", "\0", "{\"a\":\"\0\"}",
    ];

    private static readonly string[] Numbers =
    [
        "1e308", "-1e308", "1e309", "9223372036854775808", "-9223372036854775809", "18446744073709551616",
        "123456789012345678901234567890123456789012345678901234567890", "0.000000000000000000000000000001e-400", "-0", "4.9e-324",
    ];

    private static readonly string[] HostileValues =
    [
        "\"\\ud800\"", "\"a\\udc00b\"", "\"\\udbff\\udbff\"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\u202eevil\\u202c\"", "\"\\u2066x\\u2069\"",
        "\"a@b.com\\u2028bcc: c@d.com\"", "\"a\\r\\nBcc: x@y.com\"", "\"\\u0007\\u001b[31m\"", "\"<script>alert(1)</script>\"", "\"\"", "\"   \"",
        "1e308", "-1e308", "1e309", "9223372036854775808", "-9223372036854775809", "2147483648", "-2147483649", "253402300800000",
        "-62135596800001", "1.5", "-1", "0", "123456789012345678901234567890", "true", "null", "[]", "{}", "[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]",
        "[\"\\ud800\"]", "{\"\\ud800\":\"x\"}", "{\"a\":\"\\ud800\"}", "\"9999-12-31T23:59:59.9999999+14:00\"", "\"0001-01-01T00:00:00-14:00\"",
        "\"../../../etc/passwd\"", "\"'; DROP TABLE ws_users; --\"", "\"%s%n%x\"", "HUGE",
    ];

    private static readonly string[] HostileNames =
    [
        "\"\\ud800\"", "\"\\u0000\"", "\"__proto__\"", "\"\"", "\"" + new string('k', 10_000) + "\"", "\"$type\"", "\"a.b[0]\"",
    ];

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFE, 0xFF],
    ];

    private static readonly string?[] WrongContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream",
        "application/json; charset=nonsense", "application/json; charset=utf-32", "text/csv", "image/png", "*/*", ";;;", null,
    ];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The body as a failure message shows it: its content type and start, escaped.</summary>
    private static string Describe(string? contentType, byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300));
        var escaped = new StringBuilder();
        foreach (var c in text)
        {
            escaped.Append(c < 0x20 || c > 0x7E ? $"\\u{(int)c:x4}" : c.ToString());
        }
        return $"[{contentType ?? "no content type"}, {body.Length} bytes] {escaped}";
    }
}
