using System.Reflection;

namespace Lookout.Testing.Cluster;

/// <summary>Files of this clone that the harness starts: the built host and the deployment's nginx configuration.</summary>
internal static class Repository
{
    /// <summary>The folder that holds <c>Modular.sln</c>, found above the running tests.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// <c>host/Lookout.Host/bin/&lt;Configuration&gt;/net10.0/Lookout.Host.dll</c>, built in the configuration these tests
    /// were built in (test.sh builds the solution before it runs the tests).
    /// </summary>
    public static string HostDll
    {
        get
        {
            var configuration = typeof(Repository).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
            var path = Path.Combine(Root, "host", "Lookout.Host", "bin", configuration, "net10.0", "Lookout.Host.dll");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"The host is not built: run `dotnet build host/Lookout.Host -c {configuration}` first.", path);
        }
    }

    /// <summary><c>deploy/nginx.conf</c>, the configuration users copy.</summary>
    public static string NginxConf => Path.Combine(Root, "deploy", "nginx.conf");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Modular.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Modular.sln not found above " + AppContext.BaseDirectory);
    }
}
