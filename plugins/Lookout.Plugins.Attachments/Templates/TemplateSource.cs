using System.Globalization;

namespace Lookout.Plugins.Attachments.Templates;

/// <summary>One <c>{{...}}</c> of a template.</summary>
/// <param name="Start">Offset of its opening braces.</param>
/// <param name="End">Offset just past its closing braces.</param>
/// <param name="Kind">What it does.</param>
/// <param name="Name">Its helper, block or partial name (<c>each</c>, <c>formatDate</c>, <c>row</c>), or the path it prints.</param>
/// <param name="OpenAfter">The blocks still open after it, outermost first: what closes a template cut just after it.</param>
internal sealed record TemplateTag(int Start, int End, TagKind Kind, string Name, IReadOnlyList<string> OpenAfter);

internal enum TagKind
{
    Expression,
    Unescaped,
    BlockOpen,
    BlockClose,
    Else,
    Partial,
}

/// <summary>
/// A template read the way Handlebars reads it, before Handlebars does: tags, blocks and where each is, so that
/// errors point at a line and column, blocks nest no deeper than allowed, and formats that escape refuse
/// triple braces (which would write a visitor's input unescaped).
/// </summary>
internal sealed class TemplateSource
{
    private readonly string _text;

    private TemplateSource(string text, IReadOnlyList<TemplateTag> tags)
    {
        _text = text;
        Tags = tags;
    }

    public IReadOnlyList<TemplateTag> Tags { get; }

    /// <summary>Reads <paramref name="text"/>; throws with a line and column at the first thing that is wrong.</summary>
    /// <exception cref="AttachmentTemplateException">Too long, a tag not closed, blocks mismatched or too deep, or triple braces where they are refused.</exception>
    public static TemplateSource Read(string text, TemplateLimits limits, bool allowsUnescaped)
    {
        if (text.Length > limits.MaxTemplateCharacters)
        {
            throw new AttachmentTemplateException(
                $"The template has {text.Length.ToString("N0", CultureInfo.InvariantCulture)} characters; at most {limits.MaxTemplateCharacters.ToString("N0", CultureInfo.InvariantCulture)} are allowed.");
        }
        var tags = new List<TemplateTag>();
        var open = new List<(string Name, int Start)>();
        var i = 0;
        while ((i = text.IndexOf("{{", i, StringComparison.Ordinal)) >= 0)
        {
            var start = i;
            if (start > 0 && text[start - 1] == '\\' && (start < 2 || text[start - 2] != '\\'))
            {
                // \{{ is literal braces.
                i += 2;
                continue;
            }
            if (At(text, start, "{{{{"))
            {
                throw Error(text, start, "Raw blocks ({{{{raw}}}}) are not supported in attachment templates.");
            }
            if (At(text, start, "{{!--") || At(text, start, "{{~!--"))
            {
                i = Close(text, start, "--}}", "This comment is not closed with --}}.");
                continue;
            }
            if (At(text, start, "{{!") || At(text, start, "{{~!"))
            {
                i = Close(text, start, "}}", "This comment is not closed with }}.");
                continue;
            }
            if (At(text, start, "{{{") || At(text, start, "{{~{"))
            {
                i = Close(text, start, "}}}", "These triple braces are not closed with }}}.");
                if (!allowsUnescaped)
                {
                    throw Error(text, start, "Triple braces {{{...}}} would write the value unescaped, so a visitor's input could inject markup or formulas: use double braces {{...}}.");
                }
                tags.Add(new TemplateTag(start, i, TagKind.Unescaped, FirstWord(text[(start + 3)..(i - 3)].Trim('~', ' ')), Names(open)));
                continue;
            }
            i = Close(text, start, "}}", "This tag is not closed with }}.");
            var nested = text.IndexOf("{{", start + 2, StringComparison.Ordinal);
            if (nested >= 0 && nested < i)
            {
                throw Error(text, start, "This tag is not closed with }} before the next one starts.");
            }
            var body = text[(start + 2)..(i - 2)].Trim().Trim('~').Trim();
            if (body.Length == 0)
            {
                throw Error(text, start, "An empty tag {{}}: write a name between the braces.");
            }
            var tag = body[0] switch
            {
                '#' => Open(text, start, body[1..].TrimStart('*', '>').Trim(), open, limits),
                '^' when body.Length > 1 => Open(text, start, body[1..].Trim(), open, limits),
                '^' => TagKind.Else,
                '/' => CloseBlock(text, start, body[1..].Trim(), open),
                '&' when !allowsUnescaped => throw Error(text, start, "{{&...}} would write the value unescaped, so a visitor's input could inject markup or formulas: use {{...}}."),
                '&' => TagKind.Unescaped,
                '>' => TagKind.Partial,
                _ when FirstWord(body) == "else" => TagKind.Else,
                _ => TagKind.Expression,
            };
            var name = tag switch
            {
                TagKind.BlockOpen => FirstWord(body[1..].TrimStart('*', '>').Trim()),
                TagKind.BlockClose or TagKind.Partial or TagKind.Unescaped => FirstWord(body[1..].Trim()),
                _ => FirstWord(body),
            };
            tags.Add(new TemplateTag(start, i, tag, name, Names(open)));
        }
        if (open.Count > 0)
        {
            var (name, at) = open[^1];
            throw Error(text, at, $"{{{{#{name}}}}} is never closed: end it with {{{{/{name}}}}}.");
        }
        return new TemplateSource(text, tags);
    }

    /// <summary>The template cut just after tag <paramref name="index"/>, its open blocks closed.</summary>
    public string PrefixThrough(int index)
    {
        var tag = Tags[index];
        return _text[..tag.End] + string.Concat(tag.OpenAfter.Reverse().Select(name => $"{{{{/{name}}}}}"));
    }

    /// <summary>An error at tag <paramref name="tag"/>'s position.</summary>
    public AttachmentTemplateException ErrorAt(TemplateTag tag, string message) => Error(_text, tag.Start, message);

    /// <summary>1-based line and column of <paramref name="offset"/>.</summary>
    public static (int Line, int Column) Position(string text, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return (line, offset - lineStart + 1);
    }

    private static TagKind Open(string text, int start, string rest, List<(string Name, int Start)> open, TemplateLimits limits)
    {
        var name = FirstWord(rest);
        if (name.Length == 0)
        {
            throw Error(text, start, "A block needs a name, e.g. {{#each leads}}.");
        }
        open.Add((name, start));
        if (open.Count > limits.MaxBlockDepth)
        {
            throw Error(text, start, $"Blocks are nested more than {limits.MaxBlockDepth} deep here.");
        }
        return TagKind.BlockOpen;
    }

    private static TagKind CloseBlock(string text, int start, string name, List<(string Name, int Start)> open)
    {
        if (open.Count == 0)
        {
            throw Error(text, start, $"{{{{/{name}}}}} closes a block that was never opened.");
        }
        var (expected, at) = open[^1];
        if (name != expected)
        {
            var (line, column) = Position(text, at);
            throw Error(text, start, $"{{{{/{name}}}}} does not match {{{{#{expected}}}}} opened at line {line}, column {column}.");
        }
        open.RemoveAt(open.Count - 1);
        return TagKind.BlockClose;
    }

    private static int Close(string text, int start, string closing, string message)
    {
        var end = text.IndexOf(closing, start + 2, StringComparison.Ordinal);
        return end < 0 ? throw Error(text, start, message) : end + closing.Length;
    }

    private static string[] Names(List<(string Name, int Start)> open) => open.Select(o => o.Name).ToArray();

    private static bool At(string text, int index, string value) => string.CompareOrdinal(text, index, value, 0, value.Length) == 0;

    private static string FirstWord(string text)
    {
        var end = text.IndexOfAny([' ', '\t', '\r', '\n', '(', ')', '~', '}']);
        return (end < 0 ? text : text[..end]).Trim('"', '\'');
    }

    private static AttachmentTemplateException Error(string text, int offset, string message)
    {
        var (line, column) = Position(text, offset);
        return new AttachmentTemplateException($"Line {line}, column {column}: {message}", line, column);
    }
}
