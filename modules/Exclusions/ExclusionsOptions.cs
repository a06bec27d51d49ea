namespace Lookout.Exclusions;

/// <summary>The <c>Exclusions</c> configuration section.</summary>
public sealed class ExclusionsOptions
{
    public const string Section = "Exclusions";

    /// <summary>How often counted hits are written to the database.</summary>
    public TimeSpan HitFlushInterval { get; set; } = TimeSpan.FromSeconds(10);
}
