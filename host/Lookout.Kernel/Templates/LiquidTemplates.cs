using System.Collections.Concurrent;
using System.Globalization;
using Fluid;
using Fluid.Values;
using Lookout.Plugins;

namespace Lookout.Kernel.Templates;

/// <summary>
/// The host's Liquid engine (Fluid), sandboxed and bounded: the template is read first (size, nesting, syntax with
/// line and column), the data built as Fluid values that expose their own fields only, no file can be included,
/// and the render stopped at the output cap or the deadline. Every way a template can fail ends as a
/// <see cref="LiquidTemplateException"/>.
/// </summary>
public sealed class LiquidTemplates : ILiquidTemplates
{
    private static readonly FluidParser Parser = CreateParser();

    /// <summary>Options per set of extra filter names: Fluid resolves filters by name when it renders.</summary>
    private readonly ConcurrentDictionary<string, TemplateOptions> _options = new(StringComparer.Ordinal);

    public void Check(string source, TemplateLimits limits)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(limits);
        Parse(source, limits);
    }

    public string Render(LiquidRender render, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(render);
        var template = Parse(render.Template, render.Limits);
        using var budget = new RenderBudget(render.Limits, cancellationToken);
        var state = new RenderState(render, budget);
        var data = new LiquidData(state);
        state.Data = data;
        var context = new TemplateContext(data.Root(render.Data), OptionsFor(render))
        {
            CancellationToken = budget.Token,
            TimeZone = render.TimeZone,
            CultureInfo = CultureInfo.InvariantCulture,
        };
        context.AmbientValues[RenderState.Key] = state;

        var output = new BoundedOutput(budget);
        try
        {
            var rendering = template.RenderAsync(output, render.Encoder ?? NullEncoder.Default, context);
            // Data, filters and output are synchronous: nothing here waits, so the render completes on this thread.
            if (!rendering.IsCompleted)
            {
                rendering.AsTask().GetAwaiter().GetResult();
            }
            else
            {
                rendering.GetAwaiter().GetResult();
            }
        }
        catch (Exception e) when (Find<TemplateStoppedException>(e) is { } stopped)
        {
            throw new LiquidTemplateException(stopped.Message, e);
        }
        catch (Exception e) when (Find<LiquidTemplateException>(e) is { } known && known != e)
        {
            throw known;
        }
        catch (Exception e) when (Find<OperationCanceledException>(e) is not null && budget.Token.IsCancellationRequested)
        {
            throw budget.TimeIsUp() switch
            {
                TemplateStoppedException late => new LiquidTemplateException(late.Message, e),
                var cancelled => cancelled,
            };
        }
        catch (FluidException e)
        {
            throw new LiquidTemplateException($"The template failed while rendering: {FirstLine(e.Message)}", e);
        }
        return output.ToString();
    }

    private static IFluidTemplate Parse(string text, TemplateLimits limits)
    {
        if (text.Length > limits.MaxTemplateCharacters)
        {
            throw new LiquidTemplateException(
                $"The template has {text.Length.ToString("N0", CultureInfo.InvariantCulture)} characters; at most {limits.MaxTemplateCharacters.ToString("N0", CultureInfo.InvariantCulture)} are allowed.");
        }
        LiquidSource.CheckNesting(text, limits.MaxBlockDepth);
        try
        {
            return Parser.Parse(text);
        }
        catch (ParseException e) when (e.Position is { } at)
        {
            throw LiquidSource.Error(at.Line, at.Column, LiquidSource.Explain(e.Message));
        }
        catch (ParseException e)
        {
            throw new LiquidTemplateException($"The template cannot be read: {LiquidSource.Explain(e.Message)}", e);
        }
    }

    private TemplateOptions OptionsFor(LiquidRender render)
    {
        var names = render.Filters.Keys.Order(StringComparer.Ordinal).ToArray();
        return _options.GetOrAdd(string.Join('|', names), _ =>
        {
            var builder = new TemplateOptionsBuilder()
                .WithMemberAccessStrategy(() => new NoMembers())
                .WithFileProvider(new DelegateTemplateFileProvider((_, _, _) => throw new TemplateStoppedException("Templates cannot include files.")))
                .WithCultureInfo(CultureInfo.InvariantCulture)
                .WithStrictFilters(true)
                .ConfigureFilters(filters =>
                {
                    foreach (var (name, filter) in filters.ToList().Where(f => !LiquidFilters.Names.Contains(f.Key) && !names.Contains(f.Key)))
                    {
                        filters.AddFilter(name, LiquidFilters.Encoded(filter));
                    }
                });
            LiquidFilters.AddTo(builder);
            foreach (var name in names)
            {
                builder.AddFilter(name, LiquidFilters.Extra(name));
            }
            return builder.Build();
        });
    }

    private static FluidParser CreateParser()
    {
        var parser = new FluidParser(new FluidParserOptions { AllowFunctions = false });
        // No tag may reach a file (include, render, from) or define functions (macro): templates are data only.
        foreach (var tag in LiquidSource.RefusedTags)
        {
            parser.RegisteredTags.Remove(tag);
        }
        return parser;
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

    /// <summary>No .NET object is ever read: the data reaches Fluid as Fluid values only.</summary>
    private sealed class NoMembers : MemberAccessStrategy
    {
        public override MemberAccessor? GetAccessor(Type type, string name, StringComparer comparer) => null;

        public override void Register(Type type, string name, MemberAccessor getter) =>
            throw new NotSupportedException("Templates read data, never .NET members.");
    }
}
