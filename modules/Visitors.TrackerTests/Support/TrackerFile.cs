namespace Lookout.Visitors.Tracker.Tests.Support;

/// <summary>The tracker source in the repository, read as it is (there is no build step).</summary>
public static class TrackerFile
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Modular.sln")))
            {
                return System.IO.Path.Combine(dir.FullName, "modules", "Visitors", "Tracker", "lookout.js");
            }
        }
        throw new InvalidOperationException("Modular.sln not found above " + AppContext.BaseDirectory);
    }
}
