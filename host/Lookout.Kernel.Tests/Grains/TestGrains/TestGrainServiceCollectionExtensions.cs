using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Kernel.Tests.Grains.TestGrains;

internal static class TestGrainServiceCollectionExtensions
{
    public static IServiceCollection AddTestGrains(this IServiceCollection services) => services
        .AddGrain<ICounterGrain, CounterGrain>()
        .AddGrain<ITickingGrain, TickingGrain>()
        .AddGrain<IWakeUpGrain, WakeUpGrain>()
        .AddGrain<INotRemindableGrain, NotRemindableGrain>();
}
