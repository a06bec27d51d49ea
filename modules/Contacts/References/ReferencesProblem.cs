using Lookout.Contacts.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lookout.Contacts.References;

/// <summary>The 409 answer to deleting (or moving) something still named as a recipient: the problem lists what names it.</summary>
internal static class ReferencesProblem
{
    public static ProblemHttpResult For(string what, IReadOnlyList<RecipientReference> references) =>
        TypedResults.Problem(
            title: $"The {what} is still named as a recipient.",
            detail: $"{references.Count} reference(s) name it: {string.Join(", ", references.Select(r => $"{r.Kind} '{r.Name}'"))}. Ask again with removeReferences=true to remove it from them too.",
            statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["references"] = references });
}
