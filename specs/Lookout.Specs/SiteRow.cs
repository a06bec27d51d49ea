namespace Lookout.Specs;

/// <summary>A site as a feature's table writes it (SpecFlow.Assist binds the columns by name, spaces ignored).</summary>
public sealed class SiteRow
{
    public string Name { get; set; } = "";

    /// <summary>Origins separated by <c>;</c>.</summary>
    public string Origins { get; set; } = "";

    public string TimeZone { get; set; } = "";

    public bool AnonymizeIp { get; set; }

    public IReadOnlyList<string> OriginList => Origins.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>One line to compare, so a failing assertion shows the whole site.</summary>
    public string Describe() => $"{Name} | {string.Join("; ", OriginList)} | {TimeZone} | anonymize IP: {AnonymizeIp}";
}
