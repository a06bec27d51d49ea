using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lookout.Contacts.Contacts;

/// <summary>
/// 409 naming <c>email</c>: a write of many contacts (an import batch, a transfer) met a contact with the same email
/// that another request wrote at the same moment, after the checks that would have skipped or updated it.
/// </summary>
internal static class EmailConflict
{
    public static ProblemHttpResult Problem(string detail) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["email"] = [ContactRules.EmailTaken] })
        {
            Title = "A contact with the same email address was written at the same moment.",
            Detail = detail,
            Status = StatusCodes.Status409Conflict,
        });
}
