using System.Globalization;
using System.Text;

namespace Lookout.Kernel.Templates;

/// <summary>What converting a Handlebars template gave: the Liquid template, or why it could not be converted.</summary>
public sealed record ConvertedTemplate(string? Liquid, string? Problem)
{
    public bool Converted => Liquid is not null;
}

/// <summary>
/// Converts the Handlebars that Lookout's attachment templates were written in before Liquid (the subset the
/// attachments README documented) into Liquid, once, for templates stored with messages still to be sent:
/// <c>{{x}}</c>, <c>{{#each}}</c> with <c>this</c>, <c>../</c>, <c>@index</c>, <c>@first</c> and <c>@last</c>,
/// <c>{{#if}}</c> / <c>{{else}}</c> (with <c>(eq a b)</c>), <c>{{#unless}}</c>, <c>{{#with}}</c>, comments, and the
/// helpers formatDate, duration, join, default, json, csv and csvHeader as filters. Anything else (partials,
/// <c>lookup</c>, <c>@key</c>, hash arguments...) is reported rather than guessed.
/// </summary>
public static class HandlebarsConversion
{
    public static ConvertedTemplate Convert(string handlebars)
    {
        ArgumentNullException.ThrowIfNull(handlebars);
        try
        {
            return new ConvertedTemplate(new Converter(handlebars).Run(), null);
        }
        catch (NotConvertibleException e)
        {
            return new ConvertedTemplate(null, e.Message);
        }
    }

    private sealed class NotConvertibleException(string message) : Exception(message);

    /// <summary>An open block: its Handlebars name, the Liquid tag that closes it, and the item name it binds (each, with).</summary>
    private sealed record Block(string Name, string Close, string? Item);

    private sealed class Converter(string source)
    {
        private readonly StringBuilder _liquid = new();
        private readonly List<Block> _blocks = [];
        private int _assigned;
        private int _at;

        public string Run()
        {
            var position = 0;
            while (position < source.Length)
            {
                var open = source.IndexOf("{{", position, StringComparison.Ordinal);
                if (open < 0)
                {
                    Text(source[position..]);
                    break;
                }
                if (open > 0 && source[open - 1] == '\\')
                {
                    Text(source[position..(open - 1)]);
                    _liquid.Append("{% raw %}{{{% endraw %}");
                    position = open + 2;
                    continue;
                }
                var (body, end, triple) = ReadTag(open);
                var isBlockTag = body.Length > 0 && (body[0] is '#' or '/' or '^' or '!' || body == "else" || body.StartsWith("else ", StringComparison.Ordinal));
                var before = source[position..open];
                if (isBlockTag && Standalone(open, end, out var lineEnd))
                {
                    // Handlebars drops a line holding only a block tag; Liquid would keep it.
                    Text(before.TrimEnd(' ', '\t'));
                    end = lineEnd;
                }
                else
                {
                    Text(before);
                }
                _at = open;
                Tag(body, triple);
                position = end;
            }
            if (_blocks.Count > 0)
            {
                throw Fail($"{{{{#{_blocks[^1].Name}}}}} is never closed.");
            }
            return _liquid.ToString();
        }

        private (string Body, int End, bool Triple) ReadTag(int open)
        {
            if (string.CompareOrdinal(source, open, "{{!--", 0, 5) == 0)
            {
                var close = source.IndexOf("--}}", open + 5, StringComparison.Ordinal);
                return close < 0 ? throw FailAt(open, "A comment is not closed.") : ("!" + source[(open + 5)..close], close + 4, false);
            }
            var triple = string.CompareOrdinal(source, open, "{{{", 0, 3) == 0;
            var closing = triple ? "}}}" : "}}";
            var end = source.IndexOf(closing, open + closing.Length, StringComparison.Ordinal);
            if (end < 0)
            {
                throw FailAt(open, "A tag is not closed.");
            }
            var body = source[(open + closing.Length)..end].Trim();
            if (body.StartsWith('~') || body.EndsWith('~'))
            {
                throw FailAt(open, "Whitespace control (~) has no exact Liquid equivalent here.");
            }
            return (body, end + closing.Length, triple);
        }

        private bool Standalone(int open, int end, out int lineEnd)
        {
            lineEnd = end;
            var start = open;
            while (start > 0 && source[start - 1] is ' ' or '\t')
            {
                start--;
            }
            if (start > 0 && source[start - 1] != '\n')
            {
                return false;
            }
            var after = end;
            while (after < source.Length && source[after] is ' ' or '\t' or '\r')
            {
                after++;
            }
            if (after < source.Length && source[after] != '\n')
            {
                return false;
            }
            lineEnd = after < source.Length ? after + 1 : after;
            return true;
        }

        private void Text(string text)
        {
            if (text.Contains("{%", StringComparison.Ordinal) || text.Contains("{{", StringComparison.Ordinal))
            {
                _liquid.Append("{% raw %}").Append(text).Append("{% endraw %}");
            }
            else
            {
                _liquid.Append(text);
            }
        }

        private void Tag(string body, bool triple)
        {
            if (body.Length == 0)
            {
                throw Fail("An empty tag {{}}.");
            }
            switch (body[0])
            {
                case '!':
                    var comment = body[1..].Trim();
                    _liquid.Append("{% comment %}").Append(comment.Replace("endcomment", "end comment", StringComparison.Ordinal)).Append("{% endcomment %}");
                    return;
                case '#' when !triple:
                    OpenBlock(body[1..].Trim());
                    return;
                case '/' when !triple:
                    CloseBlock(body[1..].Trim());
                    return;
                case '^' when body.Trim() == "^":
                    Else();
                    return;
                case '>':
                    throw Fail("Partials ({{> name}}) have no Liquid equivalent here: Liquid templates cannot include others.");
                case '&' or '^':
                    throw Fail($"{{{{{body[0]}...}}}} is not part of what can be converted.");
            }
            if (body == "else")
            {
                Else();
                return;
            }
            if (body.StartsWith("else ", StringComparison.Ordinal))
            {
                throw Fail("{{else if ...}} chains are not part of what can be converted.");
            }
            // Computed first: a helper call among the values is assigned in front of the output.
            var output = Output(Terms(body));
            _liquid.Append("{{ ").Append(output).Append(" }}");
        }

        private void OpenBlock(string text)
        {
            var terms = Terms(text);
            var name = terms[0];
            if (terms.Count != 2 && name != "if" && name != "unless")
            {
                throw Fail($"{{{{#{name}}}}} takes one value here.");
            }
            switch (name)
            {
                case "each":
                    var list = Value(terms[1]);
                    var item = ItemName(terms[1]);
                    _liquid.Append("{% for ").Append(item).Append(" in ").Append(list).Append(" %}");
                    _blocks.Add(new Block("each", "{% endfor %}", item));
                    return;
                case "with":
                    var value = Value(terms[1]);
                    _liquid.Append("{% if ").Append(value).Append(" != blank %}");
                    _blocks.Add(new Block("with", "{% endif %}", value));
                    return;
                case "if":
                    var condition = Condition(terms.Skip(1).ToList(), true);
                    _liquid.Append("{% if ").Append(condition).Append(" %}");
                    _blocks.Add(new Block("if", "{% endif %}", null));
                    return;
                case "unless":
                    var negated = Condition(terms.Skip(1).ToList(), false);
                    _liquid.Append("{% if ").Append(negated).Append(" %}");
                    _blocks.Add(new Block("unless", "{% endif %}", null));
                    return;
                default:
                    throw Fail($"{{{{#{name}}}}} is not part of what can be converted (each, if, unless, with).");
            }
        }

        private void CloseBlock(string name)
        {
            if (_blocks.Count == 0 || _blocks[^1].Name != name)
            {
                throw Fail($"{{{{/{name}}}}} does not close the block open here.");
            }
            _liquid.Append(_blocks[^1].Close);
            _blocks.RemoveAt(_blocks.Count - 1);
        }

        private void Else()
        {
            if (_blocks.Count == 0)
            {
                throw Fail("{{else}} outside a block.");
            }
            _liquid.Append("{% else %}");
        }

        /// <summary>A condition as Handlebars reads it: false, null, "", 0 and [] are false (Liquid's <c>blank</c> is close).</summary>
        private string Condition(List<string> terms, bool positive)
        {
            if (terms.Count == 1 && terms[0].StartsWith('(') && Terms(terms[0][1..^1]) is [var helper, var left, var right] && helper == "eq")
            {
                return $"{Argument(left)} {(positive ? "==" : "!=")} {Argument(right)}";
            }
            if (terms.Count != 1)
            {
                throw Fail("#if and #unless take one value or (eq a b) here.");
            }
            var value = Value(terms[0]);
            return value.StartsWith("forloop.", StringComparison.Ordinal)
                ? (positive ? value : $"{value} == false")
                : $"{value} {(positive ? "!=" : "==")} blank";
        }

        private string Output(List<string> terms)
        {
            if (terms.Count == 1)
            {
                return terms[0].StartsWith('(') ? Output(Terms(terms[0][1..^1])) : Argument(terms[0]);
            }
            var name = terms[0];
            var arguments = terms.Skip(1).Select(Argument).ToList();
            return name switch
            {
                "formatDate" when arguments.Count is 1 or 2 => Filter(arguments[0], "format_date", arguments.Skip(1)),
                "duration" when arguments.Count == 1 => Filter(arguments[0], "duration", []),
                "join" when arguments.Count is 1 or 2 => Filter(arguments[0], "join", arguments.Skip(1)),
                "default" when arguments.Count == 2 => Filter(arguments[0], "default", arguments.Skip(1)),
                "json" when arguments.Count == 1 => Filter(arguments[0], "json", []),
                "csv" when arguments.Count >= 1 => Filter(arguments[0], "csv_row", arguments.Skip(1)),
                "csvHeader" when arguments.Count >= 1 => Filter(arguments[0], "csv_header", arguments.Skip(1)),
                "eq" => throw Fail("eq is converted inside #if and #unless only."),
                _ => throw Fail($"The helper '{name}' with {arguments.Count} values is not part of what can be converted."),
            };
        }

        private static string Filter(string input, string name, IEnumerable<string> arguments)
        {
            var list = string.Join(", ", arguments);
            return list.Length == 0 ? $"{input} | {name}" : $"{input} | {name}: {list}";
        }

        /// <summary>A value, a literal, or a helper call in parentheses (assigned first: Liquid filters take no nested filters).</summary>
        private string Argument(string term)
        {
            if (term.StartsWith('('))
            {
                var name = $"hb_value_{++_assigned}";
                _liquid.Append("{% assign ").Append(name).Append(" = ").Append(Output(Terms(term[1..^1]))).Append(" %}");
                return name;
            }
            if (term.Contains('=', StringComparison.Ordinal) && !term.StartsWith('"') && !term.StartsWith('\''))
            {
                throw Fail($"Hash arguments ({term}) are not part of what can be converted.");
            }
            return Value(term);
        }

        /// <summary>A path in the scope of the blocks open here, or a literal.</summary>
        private string Value(string term)
        {
            if (term.StartsWith('"') || term.StartsWith('\''))
            {
                return term;
            }
            if (term is "true" or "false" || decimal.TryParse(term, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                return term;
            }
            if (term is "null" or "undefined")
            {
                return "nil";
            }
            var path = term;
            var up = 0;
            while (path.StartsWith("../", StringComparison.Ordinal))
            {
                up++;
                path = path[3..];
            }
            var contexts = _blocks.Where(b => b.Item is not null).ToList();
            if (up > contexts.Count)
            {
                throw Fail($"{term} goes above the template's data.");
            }
            var scope = contexts.Take(contexts.Count - up).ToList();
            if (path.StartsWith('@'))
            {
                if (up > 0 || scope.Count == 0 || scope[^1].Name != "each")
                {
                    throw Fail($"{term} is converted inside the innermost #each only.");
                }
                return path switch
                {
                    "@index" => "forloop.index0",
                    "@first" => "forloop.first",
                    "@last" => "forloop.last",
                    _ => throw Fail($"{path} is not part of what can be converted."),
                };
            }
            var segments = Segments(path);
            var baseName = scope.Count == 0 ? null : scope[^1].Item;
            if (segments.Count > 0 && segments[0] == "this")
            {
                segments.RemoveAt(0);
                if (baseName is null && segments.Count == 0)
                {
                    throw Fail("{{this}} at the top of the template has no Liquid equivalent.");
                }
            }
            var result = new StringBuilder(baseName ?? "");
            foreach (var segment in segments)
            {
                if (segment.StartsWith('['))
                {
                    result.Append(segment);
                }
                else
                {
                    if (result.Length > 0)
                    {
                        result.Append('.');
                    }
                    result.Append(segment == "length" ? "size" : segment);
                }
            }
            return result.Length == 0 ? throw Fail($"{term} cannot be converted.") : result.ToString();
        }

        private List<string> Segments(string path)
        {
            var segments = new List<string>();
            foreach (var part in path.Split('.'))
            {
                if (part.Length == 0)
                {
                    throw Fail($"'{path}' is not a path that can be converted.");
                }
                if (part.StartsWith('[') && part.EndsWith(']'))
                {
                    var inner = part[1..^1];
                    segments.Add(int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? part : $"[\"{inner}\"]");
                }
                else if (part.All(c => char.IsLetterOrDigit(c) || c is '_' or '-'))
                {
                    segments.Add(part);
                }
                else
                {
                    throw Fail($"'{path}' is not a path that can be converted.");
                }
            }
            return segments;
        }

        /// <summary>A singular name for a list's items, unused by the blocks open here.</summary>
        private string ItemName(string list)
        {
            var last = list.Split('.', '/')[^1].Trim('[', ']');
            var name = last.Length > 3 && last.EndsWith('s') ? last[..^1] : "item";
            name = name.All(c => char.IsLetterOrDigit(c) || c == '_') && char.IsLetter(name[0]) ? name : "item";
            var taken = _blocks.Select(b => b.Item).ToHashSet();
            var candidate = name;
            for (var n = 2; taken.Contains(candidate); n++)
            {
                candidate = $"{name}{n}";
            }
            return candidate;
        }

        /// <summary>A tag's terms: paths, literals, and subexpressions in parentheses kept whole.</summary>
        private List<string> Terms(string text)
        {
            var terms = new List<string>();
            var i = 0;
            while (i < text.Length)
            {
                if (char.IsWhiteSpace(text[i]))
                {
                    i++;
                    continue;
                }
                var start = i;
                if (text[i] is '"' or '\'')
                {
                    var quote = text[i];
                    var close = text.IndexOf(quote, i + 1);
                    if (close < 0)
                    {
                        throw Fail("A string is not closed.");
                    }
                    i = close + 1;
                }
                else if (text[i] == '(')
                {
                    var depth = 0;
                    do
                    {
                        depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
                        i++;
                    }
                    while (i < text.Length && depth > 0);
                    if (depth > 0)
                    {
                        throw Fail("A ( is not closed.");
                    }
                }
                else
                {
                    while (i < text.Length && !char.IsWhiteSpace(text[i]))
                    {
                        if (text[i] is '(' or ')')
                        {
                            throw Fail($"Unexpected '{text[i]}'.");
                        }
                        i++;
                    }
                }
                terms.Add(text[start..i]);
            }
            return terms.Count == 0 ? throw Fail("An empty tag.") : terms;
        }

        private NotConvertibleException Fail(string message) => FailAt(_at, message);

        private NotConvertibleException FailAt(int offset, string message)
        {
            var (line, column) = LiquidSource.Position(source, offset);
            return new NotConvertibleException($"Line {line}, column {column}: {message}");
        }
    }
}
