using Lookout.Exclusions.Contracts;

namespace Lookout.Exclusions.Matching;

/// <summary>
/// Search keywords: an entry with wildcards must match all the keywords (<c>free *</c>); one without matches when its
/// words appear together among the keywords as whole words (<c>jobs</c> matches "lookout jobs paris", not "jobsite").
/// Case-insensitive; runs of spaces count as one.
/// </summary>
internal sealed class KeywordPattern : ExclusionPattern
{
    private readonly Wildcard[] _wildcards;
    private readonly string[] _phrases;

    private KeywordPattern(Wildcard[] wildcards, string[] phrases)
    {
        _wildcards = wildcards;
        _phrases = phrases;
    }

    public static KeywordPattern Parse(string[] entries) => new(
        entries.Where(Wildcard.HasWildcards).Select(e => new Wildcard(SingleSpaced(e))).ToArray(),
        entries.Where(e => !Wildcard.HasWildcards(e)).Select(SingleSpaced).ToArray());

    public override bool Matches(ExclusionSubject subject)
    {
        if (string.IsNullOrWhiteSpace(subject.SearchKeywords))
        {
            return false;
        }
        var keywords = IsSingleSpaced(subject.SearchKeywords) ? subject.SearchKeywords : SingleSpaced(subject.SearchKeywords);
        foreach (var phrase in _phrases)
        {
            if (ContainsWords(keywords, phrase))
            {
                return true;
            }
        }
        foreach (var wildcard in _wildcards)
        {
            if (wildcard.Matches(keywords))
            {
                return true;
            }
        }
        return false;
    }

    private static bool ContainsWords(string keywords, string phrase)
    {
        for (var at = keywords.IndexOf(phrase, StringComparison.OrdinalIgnoreCase); at >= 0;
             at = keywords.IndexOf(phrase, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + phrase.Length;
            if ((at == 0 || !char.IsLetterOrDigit(keywords[at - 1])) && (end == keywords.Length || !char.IsLetterOrDigit(keywords[end])))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsSingleSpaced(string text) =>
        text[0] != ' ' && text[^1] != ' ' && !text.Contains("  ", StringComparison.Ordinal) && text.AsSpan().IndexOfAny("\t\r\n\u00a0") < 0;

    private static string SingleSpaced(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
