using System.Text.RegularExpressions;

namespace Lookout.Host.Tests.Architecture;

/// <summary>Modules talk through each other's <c>Contracts</c> and kernel events only; this reads their sources to check.</summary>
public sealed partial class ModuleBoundaryTests
{
    [Fact]
    public void A_module_uses_only_the_Contracts_namespace_of_another_module()
    {
        var modules = Path.Combine(RepositoryRoot(), "modules");
        var moduleNames = Directory.GetDirectories(modules).Select(Path.GetFileName).Where(n => !n!.Contains('.', StringComparison.Ordinal)).ToList();
        Assert.Contains("Workspaces", moduleNames);

        var violations = new List<string>();
        foreach (var module in moduleNames)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(modules, module!), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            {
                foreach (Match use in OtherModuleNamespace().Matches(File.ReadAllText(file)))
                {
                    var (other, area) = (use.Groups["module"].Value, use.Groups["area"].Value);
                    if (other != module && moduleNames.Contains(other) && area != "Contracts")
                    {
                        violations.Add($"{Path.GetRelativePath(modules, file)} uses Lookout.{other}.{area}");
                    }
                }
            }
        }

        Assert.Empty(violations);
    }

    [Fact]
    public void The_check_itself_sees_a_reach_into_another_modules_internals()
    {
        Assert.Matches(OtherModuleNamespace(), "using Lookout.Workspaces.Sites;");
        Assert.Equal("Sites", OtherModuleNamespace().Match("x = new Lookout.Workspaces.Sites.SiteStore()").Groups["area"].Value);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Modular.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException("Modular.sln not found above the test's folder.");
    }

    [GeneratedRegex(@"\bLookout\.(?<module>[A-Z][A-Za-z]+)\.(?<area>[A-Z][A-Za-z]+)")]
    private static partial Regex OtherModuleNamespace();
}
