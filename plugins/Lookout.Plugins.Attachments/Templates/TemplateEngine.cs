using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using HandlebarsDotNet;
using Lookout.Plugins.Attachments.Formats;

namespace Lookout.Plugins.Attachments.Templates;

/// <summary>
/// Renders a template in a format, sandboxed and bounded: the template is read first (size, tags, blocks), the data
/// copied into plain objects and lists, and the render stopped at the output cap or the deadline. Every way a
/// template can fail ends as an <see cref="AttachmentTemplateException"/>, with a line and column when it has one.
/// </summary>
internal sealed partial class TemplateEngine(TemplateLimits limits)
{
    /// <summary>How long to look for the tag a syntax error is in before reporting it without a position.</summary>
    private static readonly TimeSpan LocateFor = TimeSpan.FromSeconds(3);

    /// <summary>Closes a template cut short: an error other than this one is in the part before it.</summary>
    private const string Sentinel = "{{/lookout-end-of-prefix}}";

    public TemplateLimits Limits => limits;

    public byte[] Render(TemplatedRenderer format, AttachmentRenderRequest request, CancellationToken cancellationToken)
    {
        var source = TemplateSource.Read(request.Template, limits, format.AllowsUnescaped);
        using var budget = new RenderBudget(limits, cancellationToken);
        var rendering = new TemplateRendering(request.Recipient, TimeZone(request.Recipient), format.DefaultDateFormat(request.Recipient), limits, budget);
        using var session = format.Start(rendering);
        var data = TemplateData.From(request.Data, rendering);
        var handlebars = Environment(session, rendering);

        HandlebarsTemplate<TextWriter, object, object> template;
        try
        {
            template = handlebars.Compile(new StringReader(request.Template));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Handlebars.Net reports bad syntax with its own exceptions and, for some tags, framework ones.
            throw SyntaxError(handlebars, source, e);
        }

        var writer = new BoundedWriter(budget);
        try
        {
            template(writer, data, null!);
        }
        catch (Exception e) when (Find<OperationCanceledException>(e) is not null && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The render was cancelled.", e, cancellationToken);
        }
        catch (Exception e) when (Find<TemplateStoppedException>(e) is { } stopped)
        {
            throw new AttachmentTemplateException(stopped.Message, e);
        }
        catch (Exception e) when (Find<AttachmentTemplateException>(e) is { } known && known != e)
        {
            throw known;
        }
        catch (HandlebarsException e)
        {
            throw RuntimeError(source, e);
        }
        return session.Finish(writer.ToString());
    }

    private IHandlebars Environment(FormatSession session, TemplateRendering rendering)
    {
        var configuration = new HandlebarsConfiguration
        {
            TextEncoder = session.Encoder,
            FormatProvider = CultureInfo.InvariantCulture,
            PartialRecursionDepthLimit = (short)limits.MaxPartialDepth,
        };
        configuration.ObjectDescriptorProviders.Add(new SandboxedData());
        var handlebars = Handlebars.Create(configuration);
        TemplateHelpers.Register(handlebars, rendering, session.WritesJson);
        session.RegisterHelpers(handlebars);
        return handlebars;
    }

    private static TimeZoneInfo TimeZone(Recipient recipient) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(recipient.TimeZone, out var zone)
            ? zone
            : throw new ArgumentException($"The recipient's time zone '{recipient.TimeZone}' is not an IANA time zone such as Europe/Berlin.", nameof(recipient));

    /// <summary>A syntax error at the first tag whose template, cut just after it, no longer compiles.</summary>
    private static AttachmentTemplateException SyntaxError(IHandlebars handlebars, TemplateSource source, Exception error)
    {
        var message = error is HandlebarsException ? FirstLine(error.Message) : "Handlebars cannot read this tag.";
        var clock = Stopwatch.StartNew();
        var index = FirstFailing(source, prefix => FailsBeforeSentinel(handlebars, prefix), clock)
            ?? FirstFailing(source, prefix => Fails(handlebars, prefix), clock);
        return index is { } found
            ? source.ErrorAt(source.Tags[found], message)
            : new AttachmentTemplateException($"The template cannot be read: {message}", error);
    }

    /// <summary>Binary search over the tags: errors persist once their tag is in the prefix.</summary>
    private static int? FirstFailing(TemplateSource source, Func<string, bool> fails, Stopwatch clock)
    {
        int? found = null;
        var (low, high) = (0, source.Tags.Count - 1);
        while (low <= high && clock.Elapsed < LocateFor)
        {
            var middle = (low + high) / 2;
            if (fails(source.PrefixThrough(middle)))
            {
                found = middle;
                high = middle - 1;
            }
            else
            {
                low = middle + 1;
            }
        }
        return found;
    }

    /// <summary>Fast: Handlebars stops at the sentinel before compiling anything when the prefix is fine.</summary>
    private static bool FailsBeforeSentinel(IHandlebars handlebars, string prefix)
    {
        try
        {
            handlebars.Compile(new StringReader(prefix + Sentinel));
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return !e.Message.Contains(Sentinel[2..^2], StringComparison.Ordinal);
        }
    }

    private static bool Fails(IHandlebars handlebars, string prefix)
    {
        try
        {
            handlebars.Compile(new StringReader(prefix));
            return false;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return true;
        }
    }

    private AttachmentTemplateException RuntimeError(TemplateSource source, HandlebarsException error)
    {
        var message = FirstLine(error.Message);
        var name = Quoted().Match(message) is { Success: true } match ? match.Groups[1].Value : null;
        var (kind, text) = message switch
        {
            _ when message.Contains("recursion depth", StringComparison.Ordinal) =>
                (TagKind.Partial, $"The partial '{name}' calls itself more than {limits.MaxPartialDepth} levels deep."),
            _ when message.StartsWith("Referenced partial name", StringComparison.Ordinal) =>
                (TagKind.Partial, $"There is no partial '{name}': define it in the template with {{{{#*inline \"{name}\"}}}}...{{{{/inline}}}}."),
            _ when message.Contains("helper that cannot be resolved", StringComparison.Ordinal) =>
                (TagKind.Expression, $"There is no helper '{name}'. See the attachments README for the helpers of each format."),
            _ => (TagKind.Expression, $"The template failed while rendering: {message}"),
        };
        var tag = name is null ? null : source.Tags.FirstOrDefault(t => t.Name == name && (t.Kind == kind || (kind == TagKind.Expression && t.Kind == TagKind.BlockOpen)));
        return tag is null ? new AttachmentTemplateException(text, error) : source.ErrorAt(tag, text);
    }

    private static T? Find<T>(Exception error)
        where T : Exception
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }
        return null;
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex Quoted();
}
