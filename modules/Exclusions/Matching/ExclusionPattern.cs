using System.Diagnostics.CodeAnalysis;
using Lookout.Exclusions.Contracts;

namespace Lookout.Exclusions.Matching;

/// <summary>
/// An exclusion's <c>;</c>-separated pattern, parsed once into a matcher of its kind. Parsing is also the validation the
/// API answers with, so what is stored always compiles.
/// </summary>
internal abstract class ExclusionPattern
{
    public const int MaxLength = 4000;
    public const int MaxEntryLength = 500;

    /// <summary>True when one of the entries matches the subject.</summary>
    public abstract bool Matches(ExclusionSubject subject);

    public static bool TryParse(ExclusionKind kind, string? text, [NotNullWhen(true)] out ExclusionPattern? pattern, out IReadOnlyList<string> errors)
    {
        pattern = null;
        var problems = new List<string>();
        errors = problems;
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add("Required.");
            return false;
        }
        if (text.Length > MaxLength)
        {
            problems.Add($"At most {MaxLength} characters.");
            return false;
        }
        var entries = text.Split(';', StringSplitOptions.TrimEntries);
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Length == 0)
            {
                problems.Add($"Entry {i + 1} is empty: remove the extra ';'.");
            }
            else if (entries[i].Length > MaxEntryLength)
            {
                problems.Add($"Entry {i + 1} is longer than {MaxEntryLength} characters.");
            }
        }
        if (problems.Count > 0)
        {
            return false;
        }
        pattern = kind switch
        {
            ExclusionKind.Page => PagePattern.Parse(entries),
            ExclusionKind.Ip => IpPattern.Parse(entries, problems),
            ExclusionKind.Referrer => TextPattern.Parse(entries, s => s.Referrer),
            ExclusionKind.SearchKeywords => KeywordPattern.Parse(entries),
            ExclusionKind.Country => CountryPattern.Parse(entries, problems),
            ExclusionKind.UserAgent => TextPattern.Parse(entries, s => s.UserAgent),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        if (problems.Count > 0)
        {
            pattern = null;
            return false;
        }
        return true;
    }
}
