using System.Reflection;
using System.Text.RegularExpressions;

namespace Lookout.Kernel.Modules;

/// <summary>The modules a host runs, found among the <c>Lookout.*</c> assemblies beside it.</summary>
public sealed partial class ModuleCatalog
{
    public ModuleCatalog(IEnumerable<IModule> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        var all = modules.ToList();
        foreach (var module in all)
        {
            if (!ModuleName().IsMatch(module.Name))
            {
                throw new InvalidOperationException($"Module name '{module.Name}' must be lower-case letters, digits and dashes.");
            }
        }
        var duplicate = all.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two modules are named '{duplicate.Key}'.");
        }
        Modules = InDependencyOrder(all);
    }

    public IReadOnlyList<IModule> Modules { get; }

    public IEnumerable<Assembly> Assemblies => Modules.Select(m => m.GetType().Assembly).Distinct();

    /// <summary>Every <see cref="IModule"/> in the <c>Lookout.*.dll</c> files of <paramref name="directory"/> (default: the app's).</summary>
    public static ModuleCatalog Discover(string? directory = null)
    {
        var assemblies = Directory.EnumerateFiles(directory ?? AppContext.BaseDirectory, "Lookout.*.dll")
            .Where(f => !Path.GetFileName(f).Contains(".Tests.", StringComparison.Ordinal))
            .Select(f => Assembly.Load(AssemblyName.GetAssemblyName(f)));
        return new ModuleCatalog(assemblies
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IModule).IsAssignableFrom(t))
            .Select(t => (IModule)Activator.CreateInstance(t)!));
    }

    /// <summary>
    /// Every module after the modules it depends on; modules free to go in either order go by name, so that every
    /// host configures, migrates and maps them the same way.
    /// </summary>
    /// <exception cref="InvalidOperationException">A module depends on one that is not loaded, or modules depend on each other in a cycle.</exception>
    private static List<IModule> InDependencyOrder(List<IModule> modules)
    {
        var byName = modules.ToDictionary(m => m.Name, StringComparer.Ordinal);
        foreach (var module in modules)
        {
            if (module.DependsOn.FirstOrDefault(name => !byName.ContainsKey(name)) is { } missing)
            {
                throw new InvalidOperationException($"Module '{module.Name}' depends on '{missing}', which is not loaded.");
            }
        }
        var waitingFor = modules.ToDictionary(m => m.Name, m => m.DependsOn.Distinct(StringComparer.Ordinal).Count(), StringComparer.Ordinal);
        var ready = new SortedSet<string>(modules.Where(m => waitingFor[m.Name] == 0).Select(m => m.Name), StringComparer.Ordinal);
        var ordered = new List<IModule>(modules.Count);
        while (ready.Count > 0)
        {
            var next = byName[ready.Min!];
            ready.Remove(next.Name);
            ordered.Add(next);
            foreach (var dependent in modules.Where(m => m.DependsOn.Contains(next.Name, StringComparer.Ordinal)))
            {
                if (--waitingFor[dependent.Name] == 0)
                {
                    ready.Add(dependent.Name);
                }
            }
        }
        if (ordered.Count < modules.Count)
        {
            throw new InvalidOperationException($"Modules depend on each other in a cycle: {Cycle(modules.Where(m => !ordered.Contains(m)).ToList())}.");
        }
        return ordered;
    }

    /// <summary>One cycle among modules left unordered, as "a → b → a".</summary>
    private static string Cycle(List<IModule> left)
    {
        var byName = left.ToDictionary(m => m.Name, StringComparer.Ordinal);
        var path = new List<string>();
        var current = left.OrderBy(m => m.Name, StringComparer.Ordinal).First();
        while (!path.Contains(current.Name))
        {
            path.Add(current.Name);
            // Every module left waits for at least one other module left: following those edges must come back.
            current = byName[current.DependsOn.Where(byName.ContainsKey).Order(StringComparer.Ordinal).First()];
        }
        return string.Join(" → ", path.Skip(path.IndexOf(current.Name)).Append(current.Name));
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex ModuleName();
}
