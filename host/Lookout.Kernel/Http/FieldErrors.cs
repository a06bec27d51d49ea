using Microsoft.AspNetCore.Http;
using Lookout.Kernel.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lookout.Kernel.Http;

/// <summary>Collects what is wrong with a request, field by field (camelCase JSON names), for a 400 problem.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }
        messages.Add(message);
        return this;
    }

    /// <summary>Adds "is required" when <paramref name="value"/> is blank and "is too long" past <paramref name="maxLength"/>.</summary>
    public FieldErrors Text(string field, string? value, int maxLength, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, "Required.");
            }
        }
        else if (value.Length > maxLength)
        {
            Add(field, $"At most {maxLength} characters.");
        }
        return this;
    }

    /// <summary>
    /// <see cref="Text"/> for text that reaches people (names, notes): also refused, naming the field, when it holds
    /// characters <see cref="Lookout.Kernel.Text.DisplayText"/> does not allow. Notes are <paramref name="multiline"/>.
    /// </summary>
    public FieldErrors DisplayText(string field, string? value, int maxLength, bool required = true, bool multiline = false)
    {
        Text(field, value, maxLength, required);
        if (!string.IsNullOrEmpty(value) && Lookout.Kernel.Text.DisplayText.Problem(value, multiline) is { } problem)
        {
            Add(field, problem);
        }
        return this;
    }

    /// <summary>An email address by <see cref="EmailAddress"/>'s rule: the address as stored (trimmed, lower-case), or null with the field's error.</summary>
    public string? Email(string field, string? value, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, "Required.");
            }
            return null;
        }
        if (EmailAddress.TryNormalize(value, out var email))
        {
            return email;
        }
        Add(field, EmailAddress.Invalid);
        return null;
    }

    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), title: "The request has invalid fields.");

    public static ValidationProblem For(string field, string message) => new FieldErrors().Add(field, message).ToProblem();
}
