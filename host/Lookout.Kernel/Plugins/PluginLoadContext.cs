using System.Reflection;
using System.Runtime.Loader;
using Lookout.Plugins;

namespace Lookout.Kernel.Plugins;

/// <summary>
/// One external plugin's assemblies. The SDK always comes from the host, so that the plugin's <see cref="IChannel"/>
/// is the host's; <c>Microsoft.Extensions.*</c> and <c>System.*</c> come from the host when it has them, whatever
/// version the plugin was built against, so that <c>IServiceCollection</c> and friends are shared too. Everything
/// else resolves from the plugin's folder through its <c>.deps.json</c>.
/// </summary>
internal sealed class PluginLoadContext(string mainAssemblyPath, string pluginId) : AssemblyLoadContext($"plugin:{pluginId}")
{
    private readonly AssemblyDependencyResolver _resolver = new(mainAssemblyPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var name = assemblyName.Name ?? "";
        if (name == LookoutSdk.AssemblyName)
        {
            return FromHost(name) ?? throw new FileNotFoundException($"The host has no {name}.");
        }
        if (IsSharedWithHost(name) && FromHost(name) is { } shared)
        {
            return shared;
        }
        return _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;

    private static bool IsSharedWithHost(string name) =>
        name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)
        || name.StartsWith("System.", StringComparison.Ordinal)
        || name is "System" or "mscorlib" or "netstandard";

    /// <summary>The host's copy, by simple name: a plugin built against an older or newer patch still shares the host's types.</summary>
    private static Assembly? FromHost(string name)
    {
        var loaded = Default.Assemblies.FirstOrDefault(a => a.GetName().Name == name);
        if (loaded is not null)
        {
            return loaded;
        }
        try
        {
            return Default.LoadFromAssemblyName(new AssemblyName(name));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
