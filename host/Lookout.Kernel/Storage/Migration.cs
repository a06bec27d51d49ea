using System.Reflection;
using System.Text.RegularExpressions;

namespace Lookout.Kernel.Storage;

/// <summary>One numbered schema change of a module, in the SQL of one dialect.</summary>
public sealed partial record Migration(int Number, string Name, string Sql)
{
    /// <summary>
    /// The migrations embedded in <paramref name="assembly"/> for <paramref name="dialect"/>: files
    /// <c>Migrations/sqlite/NNN_name.sql</c> and <c>Migrations/postgres/NNN_name.sql</c>, ordered by number.
    /// </summary>
    public static IReadOnlyList<Migration> FromAssembly(Assembly assembly, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var prefix = dialect == SqlDialect.Sqlite ? "migrations/sqlite/" : "migrations/postgres/";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var match = FileName().Match(resource[prefix.Length..]);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Migration '{resource}' in {assembly.GetName().Name} is not named NNN_name.sql.");
            }
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Value, reader.ReadToEnd()));
        }
        var duplicate = migrations.GroupBy(m => m.Number).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"{assembly.GetName().Name} has two migrations numbered {duplicate.Key}.");
        }
        return migrations.OrderBy(m => m.Number).ToList();
    }

    [GeneratedRegex(@"^(\d+)_([A-Za-z0-9_\-]+)\.sql$")]
    private static partial Regex FileName();
}
