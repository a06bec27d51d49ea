using Lookout.Host;
using Lookout.Kernel;
using Lookout.Kernel.Modules;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddLookoutKernel(builder.Configuration, ModuleCatalog.Discover());
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
