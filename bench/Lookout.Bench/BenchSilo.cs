using Lookout.Kernel;
using Lookout.Kernel.Grains;
using Lookout.Kernel.Modules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Bench;

/// <summary>A host's grain runtime composed by AddLookoutKernel, with grain state and reminders kept in memory.</summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public BenchSilo()
    {
        var configuration = new ConfigurationBuilder().Build();
        _services = new ServiceCollection()
            .AddLogging()
            .AddLookoutKernel(configuration, new ModuleCatalog([]))
            .AddSingleton<IGrainStorage, InMemoryGrainStorage>()
            .AddSingleton<IReminderTable, NoReminders>()
            .AddGrain<IVisitCounterGrain, VisitCounterGrain>()
            .AddGrain<IPingGrain, PingGrain>()
            .BuildServiceProvider();
        Runtime = _services.GetRequiredService<GrainRuntime>();
        Runtime.Start();
    }

    public GrainRuntime Runtime { get; }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
