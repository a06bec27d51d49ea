using System.Net;
using Lookout.Kernel.Events;
using Lookout.Kernel.Modules;
using Lookout.Kernel.Orleans.Sqlite;
using Lookout.Kernel.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Serialization;

namespace Lookout.Kernel.Orleans;

public static class LookoutSiloBuilderExtensions
{
    /// <summary>The Npgsql ADO.NET invariant Orleans' providers load their driver by.</summary>
    public const string PostgresInvariant = "Npgsql";

    /// <summary>
    /// Makes this host a silo of Lookout's cluster: on SQLite one host (localhost clustering) with grain state and
    /// reminders in the SQLite database; on PostgreSQL any number of hosts sharing the database, through Orleans' own
    /// ADO.NET clustering, persistence and reminders. The grains are those of the modules of <paramref name="catalog"/>.
    /// </summary>
    public static ISiloBuilder AddLookout(this ISiloBuilder silo, IConfiguration configuration, ModuleCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(catalog);
        var options = configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        var storage = StorageOptions.From(configuration);

        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });
        silo.Configure<GrainCollectionOptions>(collection =>
        {
            collection.CollectionAge = options.IdleTimeout;
            collection.EnableActivationSheddingOnMemoryPressure = options.MemoryLimitPercent > 0;
            if (options.MemoryLimitPercent > 0)
            {
                collection.MemoryUsageLimitPercentage = options.MemoryLimitPercent;
                collection.MemoryUsageTargetPercentage = options.MemoryTargetPercent;
                // A flood grows the heap by tens of MB a second: Orleans' default of 5 s reacts too late.
                collection.MemoryUsagePollingPeriod = TimeSpan.FromSeconds(1);
            }
        });
        // Where other hosts' grains are: Orleans' default keeps a million addresses (~230 bytes each), which a flood of
        // new visitors fills; a tenth of that covers the visitors active at once on any host we expect to run.
        silo.Configure<GrainDirectoryOptions>(directory => directory.CacheSize = options.DirectoryCacheSize);
        // Grain state is stored as plain JSON on both databases, not Newtonsoft's with assembly-qualified type names
        // (Orleans' default), so that renaming a state type does not make stored state unreadable.
        silo.UseSystemTextJsonGrainStorageSerializer();
        // Grains are first-party module code only: plugin load contexts are never searched for them.
        silo.Services.AddSerializer(serializer =>
        {
            foreach (var assembly in catalog.Assemblies)
            {
                serializer.AddAssembly(assembly);
            }
        });

        // Cluster events reach the other hosts through the silo (a kernel without one keeps them to itself).
        silo.Services.AddSingleton<ClusterEventRelay>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ClusterEventRelay>());

        if (storage.Provider == SqlDialect.PostgreSql)
        {
            var connectionString = storage.ConnectionString!;
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = PostgresInvariant;
                o.ConnectionString = connectionString;
            });
            var advertised = options.AdvertisedAddress is { Length: > 0 } address ? IPAddress.Parse(address) : null;
            if (advertised is null)
            {
                silo.ConfigureEndpoints(options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
            }
            else
            {
                silo.ConfigureEndpoints(advertised, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
            }
            silo.AddAdoNetGrainStorageAsDefault(o =>
            {
                o.Invariant = PostgresInvariant;
                o.ConnectionString = connectionString;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = PostgresInvariant;
                o.ConnectionString = connectionString;
            });
        }
        else
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
            silo.AddSqliteGrainStorageAsDefault();
            silo.UseSqliteReminderService();
        }
        return silo;
    }
}
