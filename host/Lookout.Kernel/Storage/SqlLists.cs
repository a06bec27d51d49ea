using System.Text.Json;

namespace Lookout.Kernel.Storage;

/// <summary>"Is one of these values" in each dialect's SQL.</summary>
public static class SqlLists
{
    /// <summary>
    /// <c>column IN @parameter</c> on SQLite, where Dapper expands the list, and <c>column = ANY(@parameter)</c> on
    /// PostgreSQL, where Dapper hands Npgsql the array as one parameter.
    /// </summary>
    public static string AnyOf(this LookoutDatabase database, string column, string parameter) =>
        database.Sql($"{column} IN @{parameter}", $"{column} = ANY(@{parameter})");

    /// <summary>
    /// <c>column</c> is one of the strings given as one parameter (<see cref="ListValue"/>): on SQLite a JSON array read
    /// with <c>json_each</c>, since a list expanded into one parameter per value costs SQLite a search of its parameter
    /// names for each value bound (quadratic in the list's length).
    /// </summary>
    public static string InListValue(this LookoutDatabase database, string column, string parameter) =>
        database.Sql($"{column} IN (SELECT value FROM json_each(@{parameter}))", $"{column} = ANY(@{parameter})");

    /// <summary>The value of the parameter <see cref="InListValue"/> names.</summary>
    public static object ListValue(this LookoutDatabase database, IReadOnlyCollection<string> values) =>
        database.Dialect == SqlDialect.Sqlite ? JsonSerializer.Serialize(values) : values.ToArray();
}
