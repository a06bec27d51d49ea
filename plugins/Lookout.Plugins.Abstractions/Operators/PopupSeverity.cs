namespace Lookout.Plugins;

/// <summary>How much a popup asks for attention; the admin app styles it accordingly.</summary>
public enum PopupSeverity
{
    /// <summary>Worth a look (a visitor arrived, a lead came back).</summary>
    Info = 0,

    /// <summary>Worth acting on soon (a hot lead on the pricing page).</summary>
    Warning = 1,

    /// <summary>Worth acting on now; the admin app keeps it on screen until dismissed.</summary>
    Urgent = 2,
}
