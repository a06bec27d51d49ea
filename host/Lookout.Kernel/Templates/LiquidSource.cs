using System.Text.RegularExpressions;
using Lookout.Plugins;

namespace Lookout.Kernel.Templates;

/// <summary>What is read from a template's text before Fluid parses it, and how Fluid's errors are told.</summary>
internal static partial class LiquidSource
{
    /// <summary>Tags removed from the parser: they would read files or define functions.</summary>
    public static readonly string[] RefusedTags = ["include", "render", "from", "macro"];

    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal) { "if", "unless", "for", "case", "capture", "tablerow", "ifchanged" };

    /// <summary>Refuses blocks nested deeper than <paramref name="maxDepth"/>, at the tag that goes too deep.</summary>
    public static void CheckNesting(string text, int maxDepth)
    {
        var depth = 0;
        var tag = Tag().Match(text);
        while (tag.Success)
        {
            var name = tag.Groups["name"].Value;
            if (name is "raw" or "comment")
            {
                // Nothing inside is a tag; a missing end is Fluid's to report.
                var end = text.IndexOf("end" + name, tag.Index + tag.Length, StringComparison.Ordinal);
                if (end < 0)
                {
                    return;
                }
                tag = Tag().Match(text, end);
                continue;
            }
            if (Blocks.Contains(name) && ++depth > maxDepth)
            {
                var (line, column) = Position(text, tag.Index);
                throw Error(line, column, $"Blocks are nested more than {maxDepth} deep here.");
            }
            if (name.StartsWith("end", StringComparison.Ordinal) && Blocks.Contains(name[3..]) && depth > 0)
            {
                depth--;
            }
            tag = tag.NextMatch();
        }
    }

    /// <summary>Fluid's parse error in words for an admin, without the position and source it appends.</summary>
    public static string Explain(string message)
    {
        var text = AtPosition().Replace(message.Split('\n', 2)[0].Trim(), "");
        var unknown = UnknownTag().Match(text);
        if (unknown.Success && RefusedTags.Contains(unknown.Groups[1].Value))
        {
            return $"{{% {unknown.Groups[1].Value} %}} is not available: templates cannot include files or define macros.";
        }
        return text.EndsWith('.') ? text : text + ".";
    }

    public static LiquidTemplateException Error(int line, int column, string message) =>
        new($"Line {line}, column {column}: {message}", line, column);

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

    [GeneratedRegex(@"\{%-?\s*(?<name>[a-z]+)")]
    private static partial Regex Tag();

    [GeneratedRegex(@" at \(\d+:\d+\)$")]
    private static partial Regex AtPosition();

    [GeneratedRegex(@"^Unknown tag '([^']+)'")]
    private static partial Regex UnknownTag();
}
