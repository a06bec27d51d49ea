using Lookout.Kernel.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration.Overrides;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Lookout.Kernel.Orleans.Sqlite;

/// <summary>
/// Puts a silo's grain state and reminders in Lookout's SQLite database, the <see cref="LookoutDatabase"/> registered
/// in the host's services (its kernel migrations create the tables).
/// </summary>
public static class SqliteOrleansExtensions
{
    /// <summary>Adds <see cref="SqliteGrainStorage"/> as the storage of grain states that name no provider.</summary>
    public static ISiloBuilder AddSqliteGrainStorageAsDefault(this ISiloBuilder builder, Action<SqliteGrainStorageOptions>? configure = null) =>
        builder.AddSqliteGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    /// <summary>Adds a <see cref="SqliteGrainStorage"/> named <paramref name="name"/>, as in <c>[PersistentState("state", name)]</c>.</summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name, Action<SqliteGrainStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var options = builder.Services.AddOptions<SqliteGrainStorageOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }
        builder.Services.TryAddEnumerable(ServiceDescriptor.Transient<
            IPostConfigureOptions<SqliteGrainStorageOptions>, DefaultStorageProviderSerializerOptionsConfigurator<SqliteGrainStorageOptions>>());
        builder.Services.AddGrainStorage(name, static (services, providerName) => new SqliteGrainStorage(
            providerName,
            services.GetProviderClusterOptions(providerName).Value.ServiceId,
            services.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(providerName),
            services.GetRequiredService<LookoutDatabase>(),
            services.GetRequiredService<IActivatorProvider>(),
            services.GetRequiredService<TimeProvider>()));
        return builder;
    }

    /// <summary>Adds the reminder service with its table in SQLite (<see cref="SqliteReminderTable"/>).</summary>
    public static ISiloBuilder UseSqliteReminderService(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddReminders();
        builder.Services.AddSingleton<IReminderTable, SqliteReminderTable>();
        return builder;
    }

    internal static void EnsureSqlite(LookoutDatabase database, string what)
    {
        if (database.Dialect != SqlDialect.Sqlite)
        {
            throw new InvalidOperationException(
                $"Lookout's SQLite {what} needs Storage:Provider Sqlite; on PostgreSQL the silo uses Orleans' ADO.NET providers.");
        }
    }
}
