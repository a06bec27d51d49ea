using Lookout.Host;
using Lookout.Kernel;
using Lookout.Kernel.Modules;
using Lookout.Kernel.Orleans;

var builder = WebApplication.CreateBuilder(args);
var modules = ModuleCatalog.Discover();
builder.Services.AddLookoutKernel(builder.Configuration, modules);
builder.UseOrleans(silo => silo.AddLookout(builder.Configuration, modules));
builder.Services.AddOpenApi();
builder.Services.AddAdminSpa();

var app = builder.Build();
app.UseLookoutApi();
app.MapLookoutModules();
app.MapOpenApi();
app.MapAdminSpa();
app.Run();

/// <summary>The silo host's entry point (named for WebApplicationFactory in tests).</summary>
public partial class Program;
