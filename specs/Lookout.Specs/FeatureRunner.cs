using System.Reflection;
using System.Text.RegularExpressions;
using Gherkin;
using Gherkin.Ast;

namespace Lookout.Specs;

/// <summary>Binds a step's text to a method of a step class by the regular expression in its <see cref="StepAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class StepAttribute(string pattern) : Attribute
{
    public Regex Pattern { get; } = new($"^{pattern}$", RegexOptions.CultureInvariant);
}

/// <summary>
/// Runs the scenarios of the <c>.feature</c> files (parsed by the official Gherkin parser) as xunit theories:
/// one test case per scenario, each step bound to exactly one step method, a step with no binding fails.
/// </summary>
public static class FeatureRunner
{
    public static IEnumerable<object[]> Scenarios(string featureFile)
    {
        var document = Parse(featureFile);
        return document.Feature.Children.OfType<Scenario>().Select(s => new object[] { featureFile, s.Name });
    }

    public static async Task RunAsync(string featureFile, string scenarioName, object steps)
    {
        var document = Parse(featureFile);
        var background = document.Feature.Children.OfType<Background>().SelectMany(b => b.Steps);
        var scenario = document.Feature.Children.OfType<Scenario>().Single(s => s.Name == scenarioName);
        var bindings = steps.GetType().GetMethods()
            .SelectMany(m => m.GetCustomAttributes<StepAttribute>().Select(a => (a.Pattern, Method: m)))
            .ToList();
        foreach (var step in background.Concat(scenario.Steps))
        {
            var matches = bindings.Select(b => (b.Method, Match: b.Pattern.Match(step.Text))).Where(b => b.Match.Success).ToList();
            if (matches.Count != 1)
            {
                throw new InvalidOperationException($"Step '{step.Keyword.Trim()} {step.Text}' (line {step.Location.Line}) has {matches.Count} bindings; it needs exactly one.");
            }
            var (method, match) = matches[0];
            var arguments = match.Groups.Values.Skip(1).Select(g => (object)g.Value).ToArray();
            if (method.Invoke(steps, arguments) is Task task)
            {
                await task;
            }
        }
    }

    private static GherkinDocument Parse(string featureFile)
    {
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "Features", featureFile));
        return new Parser().Parse(reader);
    }
}
