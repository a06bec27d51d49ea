namespace Lookout.Kernel.Storage;

/// <summary>Row ids: 32 hex characters, time-ordered so that new rows append to indexes.</summary>
public static class Ids
{
    public static string New() => Guid.CreateVersion7().ToString("N");
}
