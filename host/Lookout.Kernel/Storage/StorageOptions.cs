using Microsoft.Extensions.Configuration;

namespace Lookout.Kernel.Storage;

/// <summary>Which database Lookout stores its data in (<c>Storage:Provider</c>, <c>ConnectionStrings:Lookout</c>).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>Sqlite</c> (default) or <c>PostgreSql</c>.</summary>
    public SqlDialect Provider { get; set; } = SqlDialect.Sqlite;

    /// <summary>The connection string; for SQLite defaults to <c>Data Source=data/lookout.db</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The <c>Storage</c> section with the connection string filled from <c>ConnectionStrings:Lookout</c>.</summary>
    public static StorageOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var storage = configuration.GetSection(Section).Get<StorageOptions>() ?? new StorageOptions();
        storage.ConnectionString ??= configuration.GetConnectionString("Lookout");
        return storage;
    }
}

public enum SqlDialect
{
    Sqlite,
    PostgreSql,
}
