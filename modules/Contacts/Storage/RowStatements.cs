using System.Data.Common;
using System.Globalization;

namespace Lookout.Contacts.Storage;

/// <summary>
/// Many rows through one single-row statement (parameters <c>@p0</c>, <c>@p1</c>, ...), the way the Visitors module's
/// tracking log writes: PostgreSQL gets them all in one round trip (a <see cref="DbBatch"/>); SQLite, in process,
/// re-runs one prepared statement with new values. A multi-row statement would cost SQLite a linear search of its
/// parameter names for every parameter bound: quadratic in the rows per statement.
/// </summary>
internal static class RowStatements
{
    /// <summary>Runs <paramref name="sql"/> once per row, inside the caller's transaction; returns how many rows it changed in all.</summary>
    public static async Task<int> ExecuteEachAsync(
        DbConnection connection, DbTransaction transaction, string sql, int parameterCount, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        if (connection.CanCreateBatch)
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            foreach (var values in rows)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = sql;
                for (var i = 0; i < parameterCount; i++)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = Names[i];
                    parameter.Value = values[i] ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                }
                batch.BatchCommands.Add(command);
            }
            return batch.BatchCommands.Count == 0 ? 0 : await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var statement = connection.CreateCommand();
        statement.Transaction = transaction;
        statement.CommandText = sql;
        var parameters = new DbParameter[parameterCount];
        for (var i = 0; i < parameterCount; i++)
        {
            parameters[i] = statement.CreateParameter();
            parameters[i].ParameterName = Names[i];
            statement.Parameters.Add(parameters[i]);
        }
        var changed = 0;
        foreach (var values in rows)
        {
            for (var i = 0; i < parameterCount; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }
            changed += await statement.ExecuteNonQueryAsync(cancellationToken);
        }
        return changed;
    }

    /// <summary>The name of the parameter at <paramref name="index"/>: <c>p0</c>, <c>p1</c>, ...</summary>
    public static string Name(int index) => Names[index];

    /// <summary><c>@p0, @p1, ...</c> for a VALUES list of <paramref name="count"/> parameters.</summary>
    public static string Placeholders(int count) => string.Join(", ", Names.Take(count).Select(name => "@" + name));

    private static readonly string[] Names = Enumerable.Range(0, 32).Select(i => string.Create(CultureInfo.InvariantCulture, $"p{i}")).ToArray();
}
