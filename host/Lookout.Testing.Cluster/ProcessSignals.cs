using System.Diagnostics;
using System.Globalization;

namespace Lookout.Testing.Cluster;

/// <summary>What an operator's <c>kill</c> does: .NET's Process API only knows SIGKILL.</summary>
internal static class ProcessSignals
{
    /// <summary>Asks <paramref name="process"/> to stop, as systemd or <c>docker stop</c> does (SIGTERM).</summary>
    public static async Task TerminateAsync(Process process)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill")
        {
            ArgumentList = { "-TERM", process.Id.ToString(CultureInfo.InvariantCulture) },
            UseShellExecute = false,
        })!;
        await kill.WaitForExitAsync();
    }

    /// <summary>Waits up to <paramref name="timeout"/> for <paramref name="process"/> to exit; false when it did not.</summary>
    public static async Task<bool> WaitForExitAsync(Process process, TimeSpan timeout)
    {
        using var waiting = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(waiting.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
