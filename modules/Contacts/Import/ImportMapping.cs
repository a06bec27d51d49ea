using Lookout.Kernel.Http;

namespace Lookout.Contacts.Import;

/// <summary>Which column of the file feeds which field of a contact.</summary>
internal sealed class ImportMapping
{
    public const string Name = "name";
    public const string Email = "email";
    public const string Mobile = "mobile";
    public const string TimeZone = "timeZone";
    public const string PreferredChannel = "preferredChannel";
    public const string FallbackChannels = "fallbackChannels";
    public const string Notes = "notes";
    public const string Tags = "tags";

    public static readonly IReadOnlyList<string> Fields = [Name, Email, Mobile, TimeZone, PreferredChannel, FallbackChannels, Notes, Tags];

    // Header names people use for each field, compared lower-case with only letters and digits kept.
    private static readonly Dictionary<string, string[]> Synonyms = new(StringComparer.Ordinal)
    {
        [Name] = ["name", "fullname", "contact", "contactname", "displayname", "nom"],
        [Email] = ["email", "emailaddress", "mail", "courriel"],
        [Mobile] = ["mobile", "mobilephone", "mobilenumber", "cell", "cellphone", "phone", "phonenumber", "telephone", "tel", "sms"],
        [TimeZone] = ["timezone", "tz", "zone"],
        [PreferredChannel] = ["preferredchannel", "channel"],
        [FallbackChannels] = ["fallbackchannels", "fallback", "fallbacks"],
        [Notes] = ["notes", "note", "comment", "comments", "remarks"],
        [Tags] = ["tags", "tag", "labels", "groups"],
    };

    private readonly Dictionary<string, (string Column, int Index)> _columns;

    private ImportMapping(Dictionary<string, (string Column, int Index)> columns) => _columns = columns;

    /// <summary>The index of the column mapped to <paramref name="field"/>, or -1.</summary>
    public int IndexOf(string field) => _columns.TryGetValue(field, out var column) ? column.Index : -1;

    /// <summary>The column an error on <paramref name="field"/> points at: the mapped column's name, else the field's.</summary>
    public string ColumnOf(string field) => _columns.TryGetValue(field, out var column) ? column.Column : field;

    /// <summary>What the file's header suggests: each field whose name (or a usual synonym) is a column.</summary>
    public static IReadOnlyDictionary<string, string> Suggest(IReadOnlyList<string> columns)
    {
        var suggested = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            var column = columns.FirstOrDefault(c => Synonyms[field].Contains(Simplify(c)));
            if (column is not null && !suggested.ContainsValue(column))
            {
                suggested[field] = column;
            }
        }
        return suggested;
    }

    /// <summary>The mapping a client sent, checked against the file's columns; errors name <c>mapping.field</c>.</summary>
    public static ImportMapping? Validate(FieldErrors errors, IReadOnlyDictionary<string, string?>? mapping, IReadOnlyList<string> columns)
    {
        if (mapping is null)
        {
            errors.Add("mapping", "Required: which column feeds each field, e.g. {\"name\": \"Full name\", \"email\": \"E-mail\"}.");
            return null;
        }
        var mapped = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        foreach (var (field, column) in mapping)
        {
            if (!Fields.Contains(field))
            {
                errors.Add($"mapping.{field}", $"Not a field of a contact: one of {string.Join(", ", Fields)}.");
            }
            else if (!string.IsNullOrEmpty(column))
            {
                var index = columns.ToList().IndexOf(column);
                if (index < 0)
                {
                    errors.Add($"mapping.{field}", $"The file has no column '{column}'.");
                }
                else
                {
                    mapped[field] = (column, index);
                }
            }
        }
        if (!mapping.TryGetValue(Name, out var name) || string.IsNullOrEmpty(name))
        {
            errors.Add($"mapping.{Name}", "Required: the column with the contacts' names.");
        }
        if ((!mapping.TryGetValue(Email, out var email) || string.IsNullOrEmpty(email)) && (!mapping.TryGetValue(Mobile, out var mobile) || string.IsNullOrEmpty(mobile)))
        {
            errors.Add($"mapping.{Email}", "Map a column to email or to mobile.");
        }
        return errors.Any ? null : new ImportMapping(mapped);
    }

    private static string Simplify(string header) => new(header.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
