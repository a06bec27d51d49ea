using Lookout.Exclusions.Contracts;

namespace Lookout.Exclusions.Matching;

/// <summary>
/// Referrers and user agents: an entry with wildcards must match the whole text (<c>*.spam.example/*</c>); one without
/// matches when the text contains it (<c>HeadlessChrome</c>). Case-insensitive.
/// </summary>
internal sealed class TextPattern : ExclusionPattern
{
    private readonly Func<ExclusionSubject, string?> _value;
    private readonly Wildcard[] _wildcards;
    private readonly string[] _contained;

    private TextPattern(Func<ExclusionSubject, string?> value, Wildcard[] wildcards, string[] contained)
    {
        _value = value;
        _wildcards = wildcards;
        _contained = contained;
    }

    public static TextPattern Parse(string[] entries, Func<ExclusionSubject, string?> value) => new(
        value,
        entries.Where(Wildcard.HasWildcards).Select(e => new Wildcard(e)).ToArray(),
        entries.Where(e => !Wildcard.HasWildcards(e)).ToArray());

    public override bool Matches(ExclusionSubject subject)
    {
        var text = _value(subject);
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        foreach (var entry in _contained)
        {
            if (text.Contains(entry, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        foreach (var wildcard in _wildcards)
        {
            if (wildcard.Matches(text))
            {
                return true;
            }
        }
        return false;
    }
}
