using System.Reflection;
using Lookout.Kernel.Plugins.Settings;
using Lookout.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Kernel.Plugins;

/// <summary>
/// Loads plugins into a <see cref="PluginCatalog"/> and registers what they provide into the host's services.
/// Built-in and external plugins take the same path once their assembly is loaded: read the entry attribute, create
/// the entry type, let it register. Whatever goes wrong with one plugin marks it failed with the reason; nothing
/// here throws for a broken plugin. Each plugin's configuration has what admins saved (<paramref name="saved"/>) on top.
/// </summary>
public sealed class PluginLoader(IServiceCollection services, IConfiguration configuration, PluginCatalog catalog, SavedPluginSettings? saved = null)
{
    private readonly SavedPluginSettings _saved = saved ?? new SavedPluginSettings();

    /// <summary>
    /// The assemblies shipped beside the host (<c>Lookout.*.dll</c> in <paramref name="directory"/>, tests left out)
    /// that name a plugin entry type.
    /// </summary>
    public static IEnumerable<Assembly> BuiltInAssemblies(string directory) =>
        Directory.EnumerateFiles(directory, "Lookout.*.dll")
            .Where(f => !Path.GetFileName(f).Contains(".Tests.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => Assembly.Load(AssemblyName.GetAssemblyName(f)))
            .Where(a => a.GetCustomAttributesData().Any(d => d.AttributeType == typeof(LookoutPluginAttribute)))
            .ToList();

    /// <summary>Loads a plugin shipped with the host; its <c>plugin.json</c> is the assembly's embedded resource of that name.</summary>
    public void LoadBuiltIn(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var fallbackId = assembly.GetName().Name ?? "unknown";
        PluginManifest manifest;
        try
        {
            using var stream = assembly.GetManifestResourceStream(PluginManifest.FileName)
                ?? throw new FormatException($"{fallbackId} has no embedded {PluginManifest.FileName}.");
            using var reader = new StreamReader(stream);
            manifest = PluginManifest.Parse(reader.ReadToEnd());
        }
        catch (FormatException e)
        {
            catalog.Add(PluginEntry.Failed(fallbackId, PluginSource.BuiltIn, null, e.Message));
            return;
        }
        Register(manifest, PluginSource.BuiltIn, () => assembly);
    }

    /// <summary>Loads every subfolder of <paramref name="pluginsPath"/> as one plugin, in name order; a missing folder loads nothing.</summary>
    public void LoadFolder(string pluginsPath)
    {
        if (!Directory.Exists(pluginsPath))
        {
            return;
        }
        foreach (var folder in Directory.GetDirectories(pluginsPath).Order(StringComparer.Ordinal))
        {
            try
            {
                LoadPluginFolder(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                catalog.Add(PluginEntry.Failed(Path.GetFileName(folder), PluginSource.Folder, null, $"Its folder could not be read: {e.Message}"));
            }
        }
    }

    private void LoadPluginFolder(string folder)
    {
        var folderName = Path.GetFileName(folder);
        var manifestPath = Path.Combine(folder, PluginManifest.FileName);
        if (!File.Exists(manifestPath))
        {
            catalog.Add(PluginEntry.Failed(folderName, PluginSource.Folder, null, $"The folder has no {PluginManifest.FileName}."));
            return;
        }
        PluginManifest manifest;
        try
        {
            manifest = PluginManifest.Parse(File.ReadAllText(manifestPath));
        }
        catch (FormatException e)
        {
            catalog.Add(PluginEntry.Failed(folderName, PluginSource.Folder, null, e.Message));
            return;
        }
        var assemblyPath = Path.Combine(folder, manifest.Assembly);
        Register(manifest, PluginSource.Folder, () =>
        {
            if (!File.Exists(assemblyPath))
            {
                throw new PluginLoadException($"{manifest.Assembly}, named in {PluginManifest.FileName}, is not in the plugin's folder.");
            }
            try
            {
                return new PluginLoadContext(assemblyPath, manifest.Id).LoadFromAssemblyPath(assemblyPath);
            }
            catch (BadImageFormatException)
            {
                throw new PluginLoadException($"{manifest.Assembly} is not a valid .NET assembly.");
            }
        });
    }

    private void Register(PluginManifest manifest, PluginSource source, Func<Assembly> load)
    {
        if (!LookoutSdk.Supports(manifest.SdkVersion))
        {
            catalog.Add(PluginEntry.Failed(manifest.Id, source, manifest, Incompatible(manifest.SdkVersion)));
            return;
        }
        if (catalog.HasLoaded(manifest.Id))
        {
            catalog.Add(PluginEntry.Failed(manifest.Id, source, manifest, $"Another plugin with the id '{manifest.Id}' is already loaded."));
            return;
        }
        var entry = new PluginEntry(manifest.Id, source, manifest);
        try
        {
            var plugin = CreateEntry(Validate(load(), manifest));
            var registration = new PluginRegistration(manifest, configuration.GetSection($"{PluginOptions.Section}:{manifest.Id}"), _saved);
            try
            {
                plugin.Register(registration);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new PluginLoadException($"Its registration failed: {e.GetType().Name}: {e.Message}");
            }
            registration.CopyTo(services);
            entry.ChannelTypes.AddRange(registration.ChannelTypes);
            entry.RendererTypes.AddRange(registration.RendererTypes);
            entry.Settings = registration.Settings;
        }
        catch (PluginLoadException e)
        {
            entry.Fail(e.Message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever else a broken plugin throws (an unreadable file, a bad attribute, a bad .deps.json) fails it alone.
            entry.Fail($"It could not be loaded: {e.GetType().Name}: {e.Message}");
        }
        catalog.Add(entry);
    }

    /// <summary>Checks the assembly eagerly, so a missing dependency shows now rather than at the first delivery.</summary>
    private static Assembly Validate(Assembly assembly, PluginManifest manifest)
    {
        var compiledAgainst = LookoutSdk.ReferencedBy(assembly);
        if (compiledAgainst is not null && !LookoutSdk.Supports(compiledAgainst))
        {
            throw new PluginLoadException(Incompatible(compiledAgainst));
        }
        try
        {
            assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            var missing = e.LoaderExceptions.OfType<FileNotFoundException>().Select(f => f.FileName).Where(f => f is not null).Distinct().ToList();
            throw new PluginLoadException(missing.Count > 0
                ? $"{manifest.Assembly} needs {string.Join(", ", missing)}, which is in neither the plugin's folder nor the host."
                : $"{manifest.Assembly} has types that cannot be loaded: {e.LoaderExceptions.FirstOrDefault()?.Message}");
        }
        return assembly;
    }

    private static ILookoutPlugin CreateEntry(Assembly assembly)
    {
        var attribute = assembly.GetCustomAttribute<LookoutPluginAttribute>()
            ?? throw new PluginLoadException($"{assembly.GetName().Name} has no [assembly: LookoutPlugin(typeof(...))] naming its entry type.");
        var type = attribute.EntryType;
        if (!typeof(ILookoutPlugin).IsAssignableFrom(type) || type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new PluginLoadException($"Its entry type {type.FullName} must be a class implementing ILookoutPlugin with a public parameterless constructor.");
        }
        try
        {
            return (ILookoutPlugin)Activator.CreateInstance(type)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            throw new PluginLoadException($"Its entry type's constructor failed: {inner.GetType().Name}: {inner.Message}");
        }
    }

    private static string Incompatible(Version required) =>
        $"It was built for SDK {required}; this host provides SDK {LookoutSdk.Version.ToString(2)} (a plugin needs the same major version and at most the same minor).";
}

/// <summary>Why one plugin could not load; the message is the reason shown to admins.</summary>
internal sealed class PluginLoadException(string message) : Exception(message);
