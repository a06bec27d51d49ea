using Lookout.Exclusions.Contracts;

namespace Lookout.Exclusions.Matching;

/// <summary>
/// Pages: an entry matches the page's path, or its path and query (<c>hidden*.htm</c> also leaves out
/// <c>/hidden1.htm?x=1</c>; <c>*source=adwords</c> needs the query). A leading <c>/</c> is optional on both sides.
/// An entry starting with <c>http://</c> or <c>https://</c> matches the whole URL instead.
/// </summary>
internal sealed class PagePattern : ExclusionPattern
{
    private readonly Wildcard[] _paths;
    private readonly Wildcard[] _urls;

    private PagePattern(Wildcard[] paths, Wildcard[] urls)
    {
        _paths = paths;
        _urls = urls;
    }

    public static PagePattern Parse(string[] entries)
    {
        return new PagePattern(
            entries.Where(e => !IsAbsolute(e)).Select(e => new Wildcard(e.TrimStart('/'))).ToArray(),
            entries.Where(IsAbsolute).Select(e => new Wildcard(e)).ToArray());
    }

    public override bool Matches(ExclusionSubject subject)
    {
        if (string.IsNullOrEmpty(subject.Url))
        {
            return false;
        }
        var url = subject.Url.AsSpan();
        var fragment = url.IndexOf('#');
        if (fragment >= 0)
        {
            url = url[..fragment];
        }
        var pathAndQuery = url;
        var isAbsolute = IsAbsolute(subject.Url);
        if (isAbsolute)
        {
            var afterScheme = url.IndexOf("//", StringComparison.Ordinal) + 2;
            var pathStart = url[afterScheme..].IndexOfAny('/', '?');
            pathAndQuery = pathStart < 0 ? [] : url[(afterScheme + pathStart)..];
        }
        pathAndQuery = pathAndQuery.TrimStart('/');
        var query = pathAndQuery.IndexOf('?');
        var path = query < 0 ? pathAndQuery : pathAndQuery[..query];
        foreach (var entry in _paths)
        {
            if (entry.Matches(path) || (query >= 0 && entry.Matches(pathAndQuery)))
            {
                return true;
            }
        }
        if (isAbsolute)
        {
            foreach (var entry in _urls)
            {
                if (entry.Matches(url))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static bool IsAbsolute(string text) =>
        text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
