using System.Buffers;
using System.Collections.Frozen;
using System.Text;

namespace Lookout.Visitors.Enrichment;

/// <summary>
/// Tells whether a referrer is a search engine's result page and, when the engine still passes them, the search
/// terms. Runs on every new visit: it allocates nothing for referrers that are not search engines nor for engines
/// that send no terms, and never throws on hostile input.
/// </summary>
public static class SearchReferrer
{
    private const int MaxUrlLength = 8192;
    private const int MaxEncodedKeywordsLength = 4096;
    private const int MaxKeywordsLength = 200;

    private static readonly SearchValues<char> HostChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_");

    private static readonly SearchValues<char> AuthorityEnd = SearchValues.Create("/?#\\");

    private static readonly EngineTable Engines = new(SearchEngine.All, SearchEngine.AndroidApps);

    /// <summary>
    /// The search engine and keywords of <paramref name="referrerUrl"/>, or null when it is not a search engine's
    /// (or not a URL at all). Keywords are percent-decoded as UTF-8 with <c>+</c> as a space, trimmed, with runs of
    /// white space and control characters collapsed to one space, and cut at 200 characters; null when the engine
    /// sent none.
    /// </summary>
    public static SearchReferral? Parse(string? referrerUrl)
    {
        if (referrerUrl is null)
        {
            return null;
        }
        var url = referrerUrl.AsSpan().Trim();
        if (url.Length > MaxUrlLength)
        {
            url = url[..MaxUrlLength];
        }
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return null;
        }
        var scheme = url[..schemeEnd];
        var rest = url[(schemeEnd + 3)..];
        var authorityEnd = rest.IndexOfAny(AuthorityEnd);
        var authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        var host = authority[(authority.LastIndexOf('@') + 1)..];
        var port = host.IndexOf(':');
        if (port >= 0)
        {
            host = host[..port];
        }
        host = host.TrimEnd('.');
        if (host.IsEmpty || host.Length > 253 || host.ContainsAnyExcept(HostChars))
        {
            return null;
        }
        if (scheme.Equals("android-app", StringComparison.OrdinalIgnoreCase))
        {
            return Engines.FindAndroidApp(host);
        }
        if (!scheme.Equals("https", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("http", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var engine = Engines.FindByHost(host);
        if (engine is null)
        {
            return null;
        }
        var keywords = authorityEnd < 0 ? null : FindKeywords(rest[authorityEnd..], engine.Parameters);
        return keywords is null ? engine.WithoutKeywords : new SearchReferral(engine.Name, keywords);
    }

    /// <summary>The terms from the query string, or from the fragment where some engines once put them (<c>#q=</c>).</summary>
    private static string? FindKeywords(ReadOnlySpan<char> pathAndRest, string[] parameters)
    {
        var hash = pathAndRest.IndexOf('#');
        var beforeHash = hash < 0 ? pathAndRest : pathAndRest[..hash];
        var question = beforeHash.IndexOf('?');
        var query = question < 0 ? [] : beforeHash[(question + 1)..];
        var fragment = hash < 0 ? [] : pathAndRest[(hash + 1)..];
        return FindParameter(query, parameters) ?? FindParameter(fragment, parameters);
    }

    /// <summary>The first non-empty value of the first parameter, in the engine's order, that has one.</summary>
    private static string? FindParameter(ReadOnlySpan<char> query, string[] parameters)
    {
        if (query.IsEmpty)
        {
            return null;
        }
        foreach (var name in parameters)
        {
            var rest = query;
            while (!rest.IsEmpty)
            {
                var amp = rest.IndexOf('&');
                var pair = amp < 0 ? rest : rest[..amp];
                rest = amp < 0 ? [] : rest[(amp + 1)..];
                if (pair.Length > name.Length && pair[name.Length] == '=' && pair.StartsWith(name, StringComparison.Ordinal)
                    && Decode(pair[(name.Length + 1)..]) is { } keywords)
                {
                    return keywords;
                }
            }
        }
        return null;
    }

    private static string? Decode(ReadOnlySpan<char> encoded)
    {
        if (encoded.Length > MaxEncodedKeywordsLength)
        {
            encoded = encoded[..MaxEncodedKeywordsLength];
        }
        // Decoded text is never longer than its encoding: %XX is one byte, and a byte is at most one char.
        Span<char> decoded = stackalloc char[encoded.Length];
        Span<byte> bytes = stackalloc byte[encoded.Length / 3 + 1];
        var length = 0;
        var i = 0;
        while (i < encoded.Length)
        {
            if (IsEscape(encoded, i))
            {
                var count = 0;
                while (IsEscape(encoded, i))
                {
                    bytes[count++] = (byte)(HexValue(encoded[i + 1]) << 4 | HexValue(encoded[i + 2]));
                    i += 3;
                }
                // Invalid UTF-8 becomes U+FFFD rather than an exception.
                length += Encoding.UTF8.GetChars(bytes[..count], decoded[length..]);
            }
            else
            {
                decoded[length++] = encoded[i] == '+' ? ' ' : encoded[i];
                i++;
            }
        }
        return Tidy(decoded[..length]);
    }

    private static bool IsEscape(ReadOnlySpan<char> text, int i) =>
        i + 2 < text.Length && text[i] == '%' && char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>Trimmed, white space and control characters collapsed, capped; null when nothing is left.</summary>
    private static string? Tidy(ReadOnlySpan<char> text)
    {
        Span<char> output = stackalloc char[MaxKeywordsLength];
        var length = 0;
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = length > 0;
                continue;
            }
            if (pendingSpace && length < MaxKeywordsLength)
            {
                output[length++] = ' ';
                pendingSpace = false;
            }
            if (length == MaxKeywordsLength)
            {
                break;
            }
            output[length++] = c;
        }
        if (length == MaxKeywordsLength && char.IsHighSurrogate(output[length - 1]))
        {
            length--;
        }
        var keywords = output[..length].TrimEnd(' ');
        // Google's /url redirect carries the destination in q; that is not what anyone searched for.
        if (keywords.IsEmpty
            || keywords.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || keywords.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return new string(keywords);
    }

    /// <summary>The engines' hosts, indexed once so that a lookup is a few hash probes on slices of the URL.</summary>
    private sealed class EngineTable
    {
        private const string CountryWildcard = ".{cc}";
        private const string LabelWildcard = "*.";

        private readonly FrozenDictionary<string, SearchEngine>.AlternateLookup<ReadOnlySpan<char>> _exact;
        private readonly FrozenDictionary<string, SearchEngine>.AlternateLookup<ReadOnlySpan<char>> _anyLabelBefore;
        private readonly FrozenDictionary<string, SearchEngine>.AlternateLookup<ReadOnlySpan<char>> _anyCountryAfter;
        private readonly FrozenDictionary<string, SearchReferral>.AlternateLookup<ReadOnlySpan<char>> _androidApps;

        public EngineTable(SearchEngine[] engines, (string Package, string Engine)[] androidApps)
        {
            var exact = new Dictionary<string, SearchEngine>(StringComparer.OrdinalIgnoreCase);
            var anyLabelBefore = new Dictionary<string, SearchEngine>(StringComparer.OrdinalIgnoreCase);
            var anyCountryAfter = new Dictionary<string, SearchEngine>(StringComparer.OrdinalIgnoreCase);
            foreach (var engine in engines)
            {
                foreach (var host in engine.Hosts)
                {
                    if (host.StartsWith(LabelWildcard, StringComparison.Ordinal))
                    {
                        anyLabelBefore.Add(host[LabelWildcard.Length..], engine);
                    }
                    else if (host.EndsWith(CountryWildcard, StringComparison.Ordinal))
                    {
                        anyCountryAfter.Add(host[..^CountryWildcard.Length], engine);
                    }
                    else
                    {
                        exact.Add(host, engine);
                    }
                }
            }
            var byName = engines.ToDictionary(engine => engine.Name);
            _exact = Index(exact);
            _anyLabelBefore = Index(anyLabelBefore);
            _anyCountryAfter = Index(anyCountryAfter);
            _androidApps = androidApps
                .ToFrozenDictionary(app => app.Package, app => byName[app.Engine].WithoutKeywords, StringComparer.OrdinalIgnoreCase)
                .GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public SearchEngine? FindByHost(ReadOnlySpan<char> host)
        {
            if (host.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
            {
                host = host[4..];
            }
            if (_exact.TryGetValue(host, out var engine))
            {
                return engine;
            }
            var dot = host.IndexOf('.');
            if (dot <= 0)
            {
                return null;
            }
            if (_anyLabelBefore.TryGetValue(host[(dot + 1)..], out engine))
            {
                return engine;
            }
            return _anyCountryAfter.TryGetValue(host[..dot], out engine) && IsCountryDomain(host[(dot + 1)..]) ? engine : null;
        }

        public SearchReferral? FindAndroidApp(ReadOnlySpan<char> package) =>
            _androidApps.TryGetValue(package, out var referral) ? referral : null;

        private static FrozenDictionary<string, SearchEngine>.AlternateLookup<ReadOnlySpan<char>> Index(Dictionary<string, SearchEngine> hosts) =>
            hosts.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

        /// <summary><c>com</c>, a country code (<c>de</c>), or <c>co.</c>/<c>com.</c> and a country code (<c>co.uk</c>, <c>com.br</c>).</summary>
        private static bool IsCountryDomain(ReadOnlySpan<char> suffix)
        {
            if (suffix.Equals("com", StringComparison.OrdinalIgnoreCase) || IsCountryCode(suffix))
            {
                return true;
            }
            var dot = suffix.IndexOf('.');
            if (dot < 0)
            {
                return false;
            }
            var second = suffix[..dot];
            return (second.Equals("co", StringComparison.OrdinalIgnoreCase) || second.Equals("com", StringComparison.OrdinalIgnoreCase))
                && IsCountryCode(suffix[(dot + 1)..]);
        }

        private static bool IsCountryCode(ReadOnlySpan<char> label) =>
            label.Length == 2 && char.IsAsciiLetter(label[0]) && char.IsAsciiLetter(label[1]);
    }
}
