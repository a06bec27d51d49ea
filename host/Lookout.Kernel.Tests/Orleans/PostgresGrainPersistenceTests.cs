using Lookout.Kernel.Orleans;
using Lookout.Kernel.Storage;
using Lookout.Testing;
using Orleans.Hosting;

namespace Lookout.Kernel.Tests.Orleans;

/// <summary>Orleans' own ADO.NET persistence and reminders on the tables and queries of the kernel's PostgreSQL migration.</summary>
public sealed class PostgresGrainPersistenceTests : GrainPersistenceConformance
{
    protected override SqlDialect Dialect => SqlDialect.PostgreSql;

    protected override void ConfigureStorage(ISiloBuilder silo, TestDatabase database)
    {
        silo.AddAdoNetGrainStorage(StorageName, options =>
        {
            options.Invariant = LookoutSiloBuilderExtensions.PostgresInvariant;
            options.ConnectionString = database.ConnectionString;
        });
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = LookoutSiloBuilderExtensions.PostgresInvariant;
            options.ConnectionString = database.ConnectionString;
        });
    }
}
