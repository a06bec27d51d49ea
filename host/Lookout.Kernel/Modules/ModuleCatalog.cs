using System.Reflection;
using System.Text.RegularExpressions;

namespace Lookout.Kernel.Modules;

/// <summary>The modules a host runs, found among the <c>Lookout.*</c> assemblies beside it.</summary>
public sealed partial class ModuleCatalog
{
    public ModuleCatalog(IEnumerable<IModule> modules)
    {
        Modules = modules.OrderBy(m => m.Order).ThenBy(m => m.Name, StringComparer.Ordinal).ToList();
        foreach (var module in Modules)
        {
            if (!ModuleName().IsMatch(module.Name))
            {
                throw new InvalidOperationException($"Module name '{module.Name}' must be lower-case letters, digits and dashes.");
            }
        }
        var duplicate = Modules.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two modules are named '{duplicate.Key}'.");
        }
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

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex ModuleName();
}
