namespace Lookout.Kernel.Storage;

/// <summary>Which database Lookout stores its data in (<c>Storage:Provider</c>, <c>ConnectionStrings:Lookout</c>).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>Sqlite</c> (default) or <c>PostgreSql</c>.</summary>
    public SqlDialect Provider { get; set; } = SqlDialect.Sqlite;

    /// <summary>The connection string; for SQLite defaults to <c>Data Source=data/lookout.db</c>.</summary>
    public string? ConnectionString { get; set; }
}

public enum SqlDialect
{
    Sqlite,
    PostgreSql,
}
