using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace Lookout.Plugins.Tests.Support;

/// <summary>A throwaway plugins folder, filled the way an admin installs plugins: one subfolder each.</summary>
public sealed class PluginFolders : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("lookout-plugins-").FullName;

    /// <summary>A subfolder with <paramref name="manifest"/> as its plugin.json (an object is written as JSON, a string as is).</summary>
    public string Add(string folder, object manifest, params (string File, byte[] Content)[] files)
    {
        var directory = Directory.CreateDirectory(System.IO.Path.Combine(Path, folder)).FullName;
        File.WriteAllText(System.IO.Path.Combine(directory, "plugin.json"), manifest as string ?? JsonSerializer.Serialize(manifest));
        foreach (var (file, content) in files)
        {
            File.WriteAllBytes(System.IO.Path.Combine(directory, file), content);
        }
        return directory;
    }

    /// <summary>Copies a built plugin's folder in as <paramref name="folder"/>.</summary>
    public string Copy(string builtPlugin, string folder)
    {
        var directory = Directory.CreateDirectory(System.IO.Path.Combine(Path, folder)).FullName;
        foreach (var file in Directory.EnumerateFiles(builtPlugin))
        {
            File.Copy(file, System.IO.Path.Combine(directory, System.IO.Path.GetFileName(file)));
        }
        return directory;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);

    /// <summary>
    /// Publishes the sample webhook plugin with <c>dotnet publish</c> into a new folder, as its author would, apart
    /// from this test's own build: nothing in the tests references it.
    /// </summary>
    public static string PublishSampleWebhook() =>
        Publish(System.IO.Path.Combine(RepositoryRoot(), "plugins", "samples", "Lookout.Samples.Webhook", "Lookout.Samples.Webhook.csproj"));

    /// <summary>Publishes a plugin of <c>Fixtures/</c> (e.g. <c>NeedsGoneLibrary</c>) into a new folder.</summary>
    public static string PublishFixture(string name) =>
        Publish(System.IO.Path.Combine(RepositoryRoot(), "plugins", "Lookout.Plugins.Tests", "Fixtures", name, $"{name}.csproj"));

    private static string Publish(string project)
    {
        var output = Directory.CreateTempSubdirectory("lookout-plugin-build-").FullName;
        var configuration = typeof(PluginFolders).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var start = new ProcessStartInfo("dotnet", ["publish", project, "-c", configuration, "-o", output, "-nologo", "-v", "q"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The test host's own MSBuild settings must not leak into the nested build.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet publish of {project} took over 5 minutes.");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish of {project} failed:\n{stdout.Result}\n{stderr.Result}");
        }
        return output;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Modular.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException("Modular.sln not found above the test's folder.");
    }
}
