using System.Data.Common;
using System.Globalization;

namespace Lookout.Kernel.Storage;

/// <summary>
/// Many rows through one single-row statement (parameters <c>@p0</c>, <c>@p1</c>, ...): PostgreSQL gets them all in one round trip (a <see cref="DbBatch"/>); SQLite, in process,
/// re-runs one prepared statement with new values. A multi-row statement would cost SQLite a linear search of its
/// parameter names for every parameter bound: quadratic in the rows per statement.
/// </summary>
public static class RowStatements
{
    /// <summary>Runs <paramref name="sql"/> once per row, inside the caller's transaction; returns how many rows it changed in all.</summary>
    public static async Task<int> ExecuteEachAsync(
        DbConnection connection, DbTransaction transaction, string sql, int parameterCount, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(rows);
        if (connection.CanCreateBatch)
        {
            var batch = connection.CreateBatch();
            await using var disposeBatch = batch.ConfigureAwait(false);
            batch.Transaction = transaction;
            foreach (var values in rows)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = sql;
                for (var i = 0; i < parameterCount; i++)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = Name(i);
                    parameter.Value = values[i] ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                }
                batch.BatchCommands.Add(command);
            }
            return batch.BatchCommands.Count == 0 ? 0 : await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        var statement = connection.CreateCommand();
        await using var disposeStatement = statement.ConfigureAwait(false);
        statement.Transaction = transaction;
        statement.CommandText = sql;
        var parameters = new DbParameter[parameterCount];
        for (var i = 0; i < parameterCount; i++)
        {
            parameters[i] = statement.CreateParameter();
            parameters[i].ParameterName = Name(i);
            statement.Parameters.Add(parameters[i]);
        }
        var changed = 0;
        foreach (var values in rows)
        {
            for (var i = 0; i < parameterCount; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }
            changed += await statement.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        return changed;
    }

    /// <summary>
    /// SQLite: <c>SELECT</c> of the <paramref name="columns"/> values of each element of a JSON array of rows (each an
    /// array in column order) bound as one text parameter <c>@rows</c>: many rows for one statement and one binding.
    /// </summary>
    public static string SelectJsonRows(int columns) =>
        "SELECT " + string.Join(", ", Enumerable.Range(0, columns).Select(i => $"json_extract(value, '$[{i}]')")) + " FROM json_each(@rows)";

    /// <summary>The name of the parameter at <paramref name="index"/>: <c>p0</c>, <c>p1</c>, ...</summary>
    public static string Name(int index) =>
        index < Names.Length ? Names[index] : string.Create(CultureInfo.InvariantCulture, $"p{index}");

    /// <summary><c>@p0, @p1, ...</c> for a VALUES list of <paramref name="count"/> parameters.</summary>
    public static string Placeholders(int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => "@" + Name(i)));

    private static readonly string[] Names = Enumerable.Range(0, 32).Select(i => string.Create(CultureInfo.InvariantCulture, $"p{i}")).ToArray();
}
