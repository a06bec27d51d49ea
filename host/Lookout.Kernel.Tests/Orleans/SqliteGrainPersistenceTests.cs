using Lookout.Kernel.Orleans.Sqlite;
using Lookout.Kernel.Storage;
using Lookout.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;

namespace Lookout.Kernel.Tests.Orleans;

public sealed class SqliteGrainPersistenceTests : GrainPersistenceConformance
{
    protected override SqlDialect Dialect => SqlDialect.Sqlite;

    protected override void ConfigureStorage(ISiloBuilder silo, TestDatabase database)
    {
        // The host registers its LookoutDatabase with the kernel; here the silo gets one of its own.
        silo.Services.AddSingleton(_ => new LookoutDatabase(SqlDialect.Sqlite, database.ConnectionString));
        silo.AddSqliteGrainStorage(StorageName).UseSqliteReminderService();
    }
}
