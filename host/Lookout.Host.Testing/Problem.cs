using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Lookout.Host.Testing;

/// <summary>What a client reads from an error answer: an application/problem+json body.</summary>
public static class Problem
{
    /// <summary>Asserts the status and the problem media type; returns the body.</summary>
    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var problem = await ApiClient.ReadAsync(response, expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)expected, problem["status"]!.GetValue<int>());
        return problem;
    }

    /// <summary>The fields a 400 problem names, sorted.</summary>
    public static IReadOnlyList<string> Fields(JsonNode problem) =>
        problem["errors"]?.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal).ToList() ?? [];
}
