using System.Reflection;

namespace Lookout.Plugins;

/// <summary>The SDK's own version, and which plugins a host built on it accepts.</summary>
public static class LookoutSdk
{
    /// <summary>The SDK version this assembly is (major.minor.patch); in a host, the SDK the host provides.</summary>
    public static Version Version { get; } = typeof(LookoutSdk).Assembly.GetName().Version is { } v
        ? new Version(v.Major, v.Minor, Math.Max(v.Build, 0))
        : new Version(1, 0, 0);

    /// <summary>The assembly name plugins reference; the host always loads its own copy of it.</summary>
    public static string AssemblyName { get; } = typeof(LookoutSdk).Assembly.GetName().Name!;

    /// <summary>
    /// Whether a plugin built for <paramref name="required"/> runs on this SDK: the same major version, and a minor
    /// version no newer than this one's (minor versions only add).
    /// </summary>
    /// <param name="required">The SDK version the plugin declares (<c>sdkVersion</c> in <c>plugin.json</c>).</param>
    public static bool Supports(Version required)
    {
        ArgumentNullException.ThrowIfNull(required);
        return required.Major == Version.Major && required.Minor <= Version.Minor;
    }

    /// <summary>The SDK version an assembly was compiled against, or null when it does not reference the SDK.</summary>
    /// <param name="assembly">A plugin assembly.</param>
    public static Version? ReferencedBy(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return assembly.GetReferencedAssemblies().FirstOrDefault(a => a.Name == AssemblyName)?.Version;
    }
}
