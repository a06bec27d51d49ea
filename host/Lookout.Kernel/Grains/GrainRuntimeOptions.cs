namespace Lookout.Kernel.Grains;

/// <summary>Tuning of the grain runtime (<c>Grains</c> section).</summary>
public sealed class GrainRuntimeOptions
{
    public const string Section = "Grains";

    /// <summary>An activation with no call for this long is deactivated (its state written first).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Calls queued for one activation before callers wait for room.</summary>
    public int MailboxCapacity { get; set; } = 1024;

    /// <summary>How often due reminders are claimed.</summary>
    public TimeSpan ReminderPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Deactivations (state writes) running at once during collection and shutdown.</summary>
    public int DeactivationConcurrency { get; set; } = 16;
}
