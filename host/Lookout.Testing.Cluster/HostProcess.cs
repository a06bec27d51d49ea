using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Lookout.Testing.Cluster;

/// <summary>
/// One real host process (<c>dotnet Lookout.Host.dll</c>), as one machine of an installation runs it: its own
/// folder as working directory and content root, its own <c>HOME</c>, its own ports, which it keeps across restarts.
/// Everything it prints goes to <see cref="LogPath"/>.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private readonly Dictionary<string, string?> _settings;
    private readonly Lock _logLock = new();
    private Process? _process;
    private StreamWriter? _log;
    private Task _outputClosed = Task.CompletedTask;

    internal HostProcess(int index, string folder, IReadOnlyDictionary<string, string?> settings)
    {
        Index = index;
        Folder = folder;
        Address = new Uri($"http://127.0.0.1:{FreePorts.Next().ToString(CultureInfo.InvariantCulture)}");
        SiloPort = FreePorts.Next();
        GatewayPort = FreePorts.Next();
        _settings = new Dictionary<string, string?>(settings)
        {
            ["Orleans:SiloPort"] = SiloPort.ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = GatewayPort.ToString(CultureInfo.InvariantCulture),
            // One machine: the hosts reach each other on loopback.
            ["Orleans:AdvertisedAddress"] = "127.0.0.1",
        };
        Directory.CreateDirectory(Home);
    }

    /// <summary>0 for the first host of a cluster.</summary>
    public int Index { get; }

    /// <summary>Where the host answers HTTP: <c>http://127.0.0.1:port</c>.</summary>
    public Uri Address { get; }

    /// <summary>Passed as <c>Orleans:SiloPort</c>.</summary>
    public int SiloPort { get; }

    /// <summary>Passed as <c>Orleans:GatewayPort</c>.</summary>
    public int GatewayPort { get; }

    /// <summary>The host's working directory and content root (its <c>data/</c> folder lands here).</summary>
    public string Folder { get; }

    /// <summary>The host's <c>HOME</c>: nothing in it is shared with another host.</summary>
    public string Home => Path.Combine(Folder, "home");

    /// <summary>The host's standard output and error, every start appended.</summary>
    public string LogPath => Path.Combine(Folder, "host.log");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The exit code of the last run, once it ended.</summary>
    public int? ExitCode => _process is { HasExited: true } process ? process.ExitCode : null;

    /// <summary>The configuration the host starts with, as keys like <c>Storage:Provider</c>.</summary>
    public IReadOnlyDictionary<string, string?> Settings => _settings;

    /// <summary>
    /// Sets a configuration key (<c>Section:Key</c>) for the host's next start; null leaves it unset, even when the
    /// tests' own environment has it.
    /// </summary>
    public void Set(string key, string? value) => _settings[key] = value;

    /// <summary>Starts the process and waits until <c>/health</c> answers 200; throws with the log's tail if it does not.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"Host {Index} is already running.");
        }
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Repository.HostDll, "--urls", Address.ToString().TrimEnd('/') },
            WorkingDirectory = Folder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["HOME"] = Home;
        foreach (var (key, value) in _settings)
        {
            var variable = key.Replace(":", "__", StringComparison.Ordinal);
            if (value is null)
            {
                start.Environment.Remove(variable);
            }
            else
            {
                start.Environment[variable] = value;
            }
        }

        lock (_logLock)
        {
            _log?.Dispose();
            _log = new StreamWriter(LogPath, append: true) { AutoFlush = true };
            _log.WriteLine($"--- {DateTimeOffset.UtcNow:O} dotnet {string.Join(' ', start.ArgumentList)}");
        }
        _process?.Dispose();
        _process = new Process { StartInfo = start };
        var outputClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errorClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process.OutputDataReceived += (_, line) => WriteLog(line.Data, outputClosed);
        _process.ErrorDataReceived += (_, line) => WriteLog(line.Data, errorClosed);
        _outputClosed = Task.WhenAll(outputClosed.Task, errorClosed.Task);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilHealthyAsync(_process);
    }

    /// <summary>Stops the host gracefully (SIGTERM, as systemd does) and returns its exit code.</summary>
    /// <exception cref="TimeoutException">It was still running after 30 s; it is killed then.</exception>
    public async Task<int> StopAsync()
    {
        if (_process is not { } process || process.HasExited)
        {
            return ExitCode ?? 0;
        }
        await ProcessSignals.TerminateAsync(process);
        if (!await ProcessSignals.WaitForExitAsync(process, StopTimeout))
        {
            await KillAsync();
            throw new TimeoutException($"Host {Index} did not stop within {StopTimeout.TotalSeconds} s of SIGTERM.{Environment.NewLine}{LogTail()}");
        }
        await LoggedToTheEndAsync();
        return process.ExitCode;
    }

    /// <summary>Kills the host at once (SIGKILL), as a crash or a pulled plug would.</summary>
    public async Task KillAsync()
    {
        if (_process is not { } process || process.HasExited)
        {
            return;
        }
        process.Kill();
        await process.WaitForExitAsync();
        await LoggedToTheEndAsync();
    }

    /// <summary>Stops the host gracefully if it runs, then starts it again with the same folder, HOME, ports and settings.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    /// <summary>The last <paramref name="lines"/> lines of the host's log.</summary>
    public string LogTail(int lines = 150)
    {
        lock (_logLock)
        {
            if (!File.Exists(LogPath))
            {
                return "";
            }
            using var reader = new StreamReader(new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            return string.Join(Environment.NewLine, reader.ReadToEnd().Split('\n').TakeLast(lines));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        lock (_logLock)
        {
            _log?.Dispose();
            _log = null;
        }
    }

    /// <summary>Appends a line the process printed; null is the end of one of its outputs.</summary>
    private void WriteLog(string? line, TaskCompletionSource closed)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }
        lock (_logLock)
        {
            _log?.WriteLine(line);
        }
    }

    /// <summary>Once the process exited: waits until the last lines it printed are in the log (they arrive on their own threads).</summary>
    private async Task LoggedToTheEndAsync()
    {
        try
        {
            await _outputClosed.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // Something the host started still holds its output open; the log has what came so far.
        }
    }

    private async Task WaitUntilHealthyAsync(Process process)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var health = new Uri(Address, "/health");
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync();
                await LoggedToTheEndAsync();
                throw new InvalidOperationException($"Host {Index} exited with code {process.ExitCode} while starting.{Environment.NewLine}{LogTail()}");
            }
            try
            {
                using var response = await http.GetAsync(health);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but busy starting.
            }
            if (waited.Elapsed > StartTimeout)
            {
                await KillAsync();
                throw new InvalidOperationException($"Host {Index} did not answer {health} with 200 within {StartTimeout.TotalSeconds} s.{Environment.NewLine}{LogTail()}");
            }
            await Task.Delay(100);
        }
    }
}
