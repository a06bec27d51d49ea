using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Lookout.Kernel.Modules;

namespace Lookout.Host.Tests.Architecture;

/// <summary>
/// Modules talk through the <c>Contracts</c> of the modules they name in <see cref="IModule.DependsOn"/> and through
/// kernel events, nothing else. This reads every type a compiled module refers to (its metadata, so a fully qualified
/// name or a generated file cannot slip by) and checks where each one lives.
/// </summary>
public sealed class ModuleBoundaryTests
{
    private static readonly ModuleCatalog Catalog = ModuleCatalog.Discover();

    [Fact]
    public void A_module_uses_only_the_Contracts_of_the_modules_it_depends_on()
    {
        Assert.Contains(Catalog.Modules, m => m.Name == "outbox");

        var violations = Catalog.Modules.SelectMany(m => Violations(m.Name, m.GetType().Assembly, m.DependsOn)).ToList();

        Assert.Empty(violations);
    }

    [Fact]
    public void The_check_sees_a_module_using_a_module_it_does_not_name()
    {
        var outbox = Catalog.Modules.Single(m => m.Name == "outbox");
        Assert.Equal(["contacts"], outbox.DependsOn);

        var violations = Violations(outbox.Name, outbox.GetType().Assembly, dependsOn: []);

        Assert.Contains("outbox uses Lookout.Contacts.Contracts.IRecipientResolver of 'contacts', which it does not name in DependsOn", violations);
    }

    [Fact]
    public void The_check_sees_a_reach_into_another_modules_internals()
    {
        // This test assembly plays a module that names 'visitors' and refers to its grain, outside its Contracts.
        Assert.Equal("VisitorGrain", typeof(Lookout.Visitors.Grains.VisitorGrain).Name);

        var violations = Violations("probe", typeof(ModuleBoundaryTests).Assembly, dependsOn: ["visitors"]);

        Assert.Contains("probe uses Lookout.Visitors.Grains.VisitorGrain of 'visitors', outside Lookout.Visitors.Contracts", violations);
    }

    /// <summary>What <paramref name="assembly"/>, as module <paramref name="name"/>, uses of other modules that it may not.</summary>
    private static IEnumerable<string> Violations(string name, Assembly assembly, IReadOnlyList<string> dependsOn)
    {
        // The kernel's own modules (plugins) live in the kernel, which every module may use.
        var owners = Catalog.Modules
            .Where(m => m.GetType().Assembly != typeof(IModule).Assembly && m.GetType().Assembly != assembly)
            .ToDictionary(m => m.GetType().Assembly.GetName().Name!, m => m.Name, StringComparer.Ordinal);
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.TypeReferences)
        {
            var (scope, ns, typeName) = Outermost(metadata, metadata.GetTypeReference(handle));
            if (scope is not { } assemblyName || !owners.TryGetValue(assemblyName, out var owner))
            {
                continue;
            }
            var contracts = $"{assemblyName}.Contracts";
            if (ns != contracts && !ns.StartsWith(contracts + ".", StringComparison.Ordinal))
            {
                yield return $"{name} uses {ns}.{typeName} of '{owner}', outside {contracts}";
            }
            else if (!dependsOn.Contains(owner))
            {
                yield return $"{name} uses {ns}.{typeName} of '{owner}', which it does not name in DependsOn";
            }
        }
    }

    /// <summary>The assembly, namespace and name of a referenced type, or of the type it is nested in.</summary>
    private static (string? Assembly, string Namespace, string Name) Outermost(MetadataReader metadata, TypeReference type)
    {
        while (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            type = metadata.GetTypeReference((TypeReferenceHandle)type.ResolutionScope);
        }
        var assembly = type.ResolutionScope.Kind == HandleKind.AssemblyReference
            ? metadata.GetString(metadata.GetAssemblyReference((AssemblyReferenceHandle)type.ResolutionScope).Name)
            : null;
        return (assembly, metadata.GetString(type.Namespace), metadata.GetString(type.Name));
    }
}
