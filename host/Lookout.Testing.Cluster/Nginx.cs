using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Lookout.Testing.Cluster;

/// <summary>
/// Debian's nginx in the foreground, configured by <c>deploy/nginx.conf</c> (the file users copy) with its
/// <c>listen</c> line set to a free loopback port and its upstream servers set to the given hosts. Everything nginx
/// writes (pid, logs, temporary files) stays in a folder of its own; the system's configuration is not read.
/// </summary>
public sealed partial class Nginx : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly string _folder;

    private Nginx(Process process, string folder, Uri address)
    {
        _process = process;
        _folder = folder;
        Address = address;
    }

    /// <summary>Where nginx answers: <c>http://127.0.0.1:port</c>.</summary>
    public Uri Address { get; }

    /// <summary>
    /// Starts nginx in front of <paramref name="upstreams"/> and waits until it answers <c>/health</c> with 200;
    /// throws with nginx's error log if it does not.
    /// </summary>
    public static async Task<Nginx> StartAsync(IEnumerable<Uri> upstreams)
    {
        ArgumentNullException.ThrowIfNull(upstreams);
        var folder = Path.Combine(Path.GetTempPath(), "lookout-nginx", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var address = new Uri($"http://127.0.0.1:{FreePorts.Next().ToString(CultureInfo.InvariantCulture)}");
        var site = Path.Combine(folder, "lookout.conf");
        await File.WriteAllTextAsync(site, Site(await File.ReadAllTextAsync(Repository.NginxConf), address.Port, upstreams.ToList()));
        var main = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(main, Main(folder, site));

        var process = Process.Start(new ProcessStartInfo(Executable())
        {
            // -e: the log nginx writes to before it has read the configuration, which would be the system's.
            ArgumentList = { "-p", folder + "/", "-c", main, "-e", Path.Combine(folder, "error.log"), "-g", "daemon off;" },
            UseShellExecute = false,
        })!;
        var nginx = new Nginx(process, folder, address);
        try
        {
            await nginx.WaitUntilServingAsync();
        }
        catch
        {
            await nginx.DisposeAsync();
            throw;
        }
        return nginx;
    }

    /// <summary>The requests nginx passed on so far, in order, with the upstream addresses it tried for each.</summary>
    public IReadOnlyList<ProxiedRequest> AccessLog()
    {
        var path = Path.Combine(_folder, "access.log");
        if (!File.Exists(path))
        {
            return [];
        }
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ProxiedRequest.Parse).ToList();
    }

    /// <summary>nginx's error log.</summary>
    public string ErrorLog()
    {
        var path = Path.Combine(_folder, "error.log");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    /// <summary>Stops nginx (SIGTERM, then SIGKILL for it and its workers if it lingers) and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await ProcessSignals.TerminateAsync(_process);
            if (!await ProcessSignals.WaitForExitAsync(_process, TimeSpan.FromSeconds(10)))
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>
    /// The site file with its first <c>listen</c> line on <paramref name="port"/> (others left out) and, in every upstream block, one
    /// <c>server</c> line per upstream with the parameters of the file's first one.
    /// </summary>
    internal static string Site(string template, int port, IReadOnlyList<Uri> upstreams)
    {
        var site = new StringBuilder();
        var inUpstream = false;
        var serversWritten = false;
        var listenWritten = false;
        foreach (var line in template.Split('\n'))
        {
            if (UpstreamStart().IsMatch(line))
            {
                (inUpstream, serversWritten) = (true, false);
            }
            else if (inUpstream && BlockEnd().IsMatch(line))
            {
                inUpstream = false;
            }
            else if (inUpstream && UpstreamServer().Match(line) is { Success: true } server)
            {
                if (!serversWritten)
                {
                    foreach (var upstream in upstreams)
                    {
                        site.Append(CultureInfo.InvariantCulture, $"{server.Groups["indent"].Value}server {upstream.Authority}{server.Groups["parameters"].Value};\n");
                    }
                    serversWritten = true;
                }
                continue;
            }
            else if (Listen().Match(line) is { Success: true } listen)
            {
                if (!listenWritten)
                {
                    site.Append(CultureInfo.InvariantCulture, $"{listen.Groups["indent"].Value}listen 127.0.0.1:{port};\n");
                    listenWritten = true;
                }
                continue;
            }
            site.Append(line).Append('\n');
        }
        return site.ToString();
    }

    /// <summary>The main file: nginx's own settings in <paramref name="folder"/>, the site included into its http block.</summary>
    private static string Main(string folder, string site) => $$"""
        worker_processes 1;
        pid {{folder}}/nginx.pid;
        error_log {{folder}}/error.log notice;
        events {
            worker_connections 512;
        }
        http {
            log_format lookout_tests '$status|$upstream_addr|$request_method|$request_uri';
            access_log {{folder}}/access.log lookout_tests;
            client_body_temp_path {{folder}}/client_body;
            proxy_temp_path {{folder}}/proxy;
            fastcgi_temp_path {{folder}}/fastcgi;
            uwsgi_temp_path {{folder}}/uwsgi;
            scgi_temp_path {{folder}}/scgi;
            include {{site}};
        }
        """;

    private static string Executable()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin")
            .Select(directory => Path.Combine(directory, "nginx"))
            .FirstOrDefault(File.Exists);
        return onPath ?? throw new FileNotFoundException("nginx is not installed: `apt-get install nginx` (test.sh does).");
    }

    private async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var health = new Uri(Address, "/health");
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with code {_process.ExitCode} while starting.{Environment.NewLine}{ErrorLog()}");
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
                // Listening but not answering yet.
            }
            if (waited.Elapsed > StartTimeout)
            {
                throw new InvalidOperationException($"nginx did not answer {health} with 200 within {StartTimeout.TotalSeconds} s.{Environment.NewLine}{ErrorLog()}");
            }
            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"^\s*upstream\s+\S+\s*\{")]
    private static partial Regex UpstreamStart();

    [GeneratedRegex(@"^\s*\}")]
    private static partial Regex BlockEnd();

    [GeneratedRegex(@"^(?<indent>\s*)server\s+\S+?(?<parameters>(\s+[^;\s]+)*)\s*;")]
    private static partial Regex UpstreamServer();

    [GeneratedRegex(@"^(?<indent>\s*)listen\s+[^;]+;")]
    private static partial Regex Listen();
}

/// <summary>One line of the access log the harness has nginx write.</summary>
/// <param name="Status">What nginx answered.</param>
/// <param name="Upstreams">The hosts nginx tried, in order (<c>127.0.0.1:port</c>); empty when it answered itself.</param>
/// <param name="Method">The request's method.</param>
/// <param name="Target">The path and query the client asked for.</param>
public sealed record ProxiedRequest(int Status, IReadOnlyList<string> Upstreams, string Method, string Target)
{
    internal static ProxiedRequest Parse(string line)
    {
        var fields = line.Split('|', 4);
        IReadOnlyList<string> upstreams = fields[1] == "-" ? [] : fields[1].Split(',', StringSplitOptions.TrimEntries);
        return new ProxiedRequest(int.Parse(fields[0], CultureInfo.InvariantCulture), upstreams, fields[2], fields[3]);
    }
}
