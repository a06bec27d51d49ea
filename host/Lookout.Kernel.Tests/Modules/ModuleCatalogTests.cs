using Lookout.Kernel.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Kernel.Tests.Modules;

/// <summary>Modules name what they depend on; the catalog puts each after its dependencies and refuses what cannot be ordered.</summary>
public sealed class ModuleCatalogTests
{
    [Fact]
    public void Every_module_comes_after_the_modules_it_depends_on_and_the_rest_go_by_name()
    {
        var catalog = new ModuleCatalog(
        [
            Module("outbox", "contacts"),
            Module("visitors", "workspaces", "exclusions"),
            Module("contacts", "workspaces"),
            Module("exclusions", "workspaces"),
            Module("workspaces"),
            Module("alerts", "visitors", "outbox"),
        ]);

        Assert.Equal(["workspaces", "contacts", "exclusions", "outbox", "visitors", "alerts"], catalog.Modules.Select(m => m.Name));
    }

    [Fact]
    public void The_order_does_not_depend_on_the_order_modules_are_found_in()
    {
        IModule[] modules = [Module("b", "a"), Module("c"), Module("a"), Module("d", "c", "b")];

        var forward = new ModuleCatalog(modules).Modules.Select(m => m.Name);
        var backward = new ModuleCatalog(modules.Reverse()).Modules.Select(m => m.Name);

        Assert.Equal(["a", "b", "c", "d"], forward);
        Assert.Equal(forward, backward);
    }

    [Fact]
    public void A_dependency_on_a_module_that_is_not_loaded_is_refused_by_name()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ModuleCatalog([Module("outbox", "contacts"), Module("workspaces")]));

        Assert.Equal("Module 'outbox' depends on 'contacts', which is not loaded.", error.Message);
    }

    [Fact]
    public void Modules_that_depend_on_each_other_in_a_cycle_are_refused_with_the_cycle()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ModuleCatalog(
            [Module("workspaces"), Module("chat", "triggers"), Module("triggers", "alerts"), Module("alerts", "chat", "workspaces")]));

        Assert.Equal("Modules depend on each other in a cycle: alerts → chat → triggers → alerts.", error.Message);
    }

    [Fact]
    public void A_module_that_depends_on_itself_is_a_cycle()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ModuleCatalog([Module("loop", "loop")]));

        Assert.Equal("Modules depend on each other in a cycle: loop → loop.", error.Message);
    }

    [Fact]
    public void Two_modules_of_one_name_are_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ModuleCatalog([Module("chat"), Module("chat")]));

        Assert.Equal("Two modules are named 'chat'.", error.Message);
    }

    private static FakeModule Module(string name, params string[] dependsOn) => new(name, dependsOn);

    private sealed class FakeModule(string name, string[] dependsOn) : IModule
    {
        public string Name => name;

        public string Title => name;

        public IReadOnlyList<string> DependsOn => dependsOn;

        public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
        {
        }

        public void MapEndpoints(RouteGroupBuilder group)
        {
        }
    }
}
