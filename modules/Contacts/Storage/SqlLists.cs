using Lookout.Kernel.Storage;

namespace Lookout.Contacts.Storage;

/// <summary>"Is one of these values" in each dialect's SQL.</summary>
internal static class SqlLists
{
    /// <summary>
    /// <c>column IN @parameter</c> on SQLite, where Dapper expands the list, and <c>column = ANY(@parameter)</c> on
    /// PostgreSQL, where Dapper hands Npgsql the array as one parameter.
    /// </summary>
    public static string AnyOf(this LookoutDatabase database, string column, string parameter) =>
        database.Sql($"{column} IN @{parameter}", $"{column} = ANY(@{parameter})");
}
