namespace Lookout.Contacts;

/// <summary>The <c>Contacts</c> configuration section.</summary>
public sealed class ContactsOptions
{
    public const string Section = "Contacts";

    /// <summary>Where uploaded CSV files wait between the import steps; defaults to a folder in the system's temp folder.</summary>
    public string? ImportFolder { get; set; }

    /// <summary>The largest CSV file an import accepts.</summary>
    public long MaxImportBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>How long an uploaded file waits for its run before it is deleted.</summary>
    public TimeSpan ImportLifetime { get; set; } = TimeSpan.FromHours(24);
}
