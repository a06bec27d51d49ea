using Lookout.Host;
using Lookout.Host.Admin;
using Lookout.Kernel;
using Lookout.Kernel.Modules;
using Lookout.Kernel.Orleans;
using Orleans.Dashboard;

var builder = WebApplication.CreateBuilder(args);
var modules = ModuleCatalog.Discover();
builder.Services.AddLookoutKernel(builder.Configuration, modules);
builder.UseOrleans(silo => silo.AddLookout(builder.Configuration, modules).AddDashboard());
builder.Services.AddOpenApi();
builder.Services.AddAdminSpa();
builder.Services.AddInstallationOwnerPolicy();

var app = builder.Build();
app.UseLookoutApi();
app.MapLookoutModules();
app.MapOpenApi();
app.MapOrleansDashboardForOwners();
app.MapAdminSpa();
app.Run();

/// <summary>The silo host's entry point (named for WebApplicationFactory in tests).</summary>
public partial class Program;
