using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Lookout.Plugins.Email.Tests.Support;

/// <summary>One message the SMTP server accepted: its raw bytes as text, Python's reading of it, and the session it came in.</summary>
public sealed record ReceivedMail(string Raw, JsonNode Parsed)
{
    /// <summary>The client's address and port: the same for messages sent over one connection.</summary>
    public string Peer => Parsed["peer"]!.GetValue<string>();

    /// <summary>Whether the session was under TLS (after STARTTLS) when the message came.</summary>
    public bool Tls => Parsed["tls"]!.GetValue<bool>();

    /// <summary>The user name the client logged in with, or null.</summary>
    public string? AuthenticatedAs => Parsed["authenticatedAs"]?.GetValue<string>();

    /// <summary>The decoded bytes of the part at <paramref name="index"/> (in <see cref="Parts"/> order).</summary>
    public byte[] BytesOf(int index) => Convert.FromBase64String(Parsed["parts"]![index]!["bytes"]!.GetValue<string>());

    public string Header(string name) => Parsed["headers"]!.AsObject().FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.GetValue<string>() ?? "";

    public IReadOnlyList<(string ContentType, string? FileName, string? Content)> Parts =>
        Parsed["parts"]!.AsArray().Select(p => (p!["contentType"]!.GetValue<string>(), p["fileName"]?.GetValue<string>(), p["content"]?.GetValue<string>())).ToList();
}

/// <summary>
/// A real SMTP server (aiosmtpd, Debian's python3-aiosmtpd) on a free loopback port, for as long as the fixture lives.
/// Recipients whose local part starts with <c>transient</c>, <c>permanent</c> or <c>hang</c> get 451, 550 or no answer;
/// <c>drop</c> is accepted, then the server closes the connection. See <c>smtp_server.py</c>.
/// </summary>
public sealed class SmtpServer : IDisposable
{
    private readonly Process _process;

    public SmtpServer()
        : this([])
    {
    }

    /// <summary>Starts the server with more of <c>smtp_server.py</c>'s options (<c>--tls</c>, <c>--auth</c>).</summary>
    internal SmtpServer(IEnumerable<string> options)
    {
        Folder = Directory.CreateTempSubdirectory("lookout-smtp-").FullName;
        Port = FreePort();
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Support", "smtp_server.py"), Port.ToString(System.Globalization.CultureInfo.InvariantCulture), Folder },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var option in options)
        {
            start.ArgumentList.Add(option);
        }
        _process = Process.Start(start)!;
        var ready = _process.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(20)) || ready.Result != "READY")
        {
            var error = _process.StandardError.ReadToEnd();
            throw new InvalidOperationException($"aiosmtpd did not start (is python3-aiosmtpd installed?): {error}");
        }
    }

    public int Port { get; }

    /// <summary>Where received messages are written.</summary>
    public string Folder { get; }

    /// <summary>Waits for the message whose header <paramref name="header"/> is <paramref name="value"/>.</summary>
    public async Task<ReceivedMail> ReceivedAsync(string header, string value, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            foreach (var json in Directory.EnumerateFiles(Folder, "*.json"))
            {
                var parsed = JsonNode.Parse(await File.ReadAllTextAsync(json))!;
                var mail = new ReceivedMail(await File.ReadAllTextAsync(Path.ChangeExtension(json, ".eml")), parsed);
                if (mail.Header(header) == value)
                {
                    return mail;
                }
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"No message with {header}: {value} reached the SMTP server.");
    }

    /// <summary>The connections (client address and port) that said QUIT.</summary>
    public IReadOnlyList<string> Quits()
    {
        var log = Path.Combine(Folder, "quits.log");
        return File.Exists(log) ? File.ReadAllLines(log) : [];
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                _process.Kill();
            }
        }
        finally
        {
            _process.Dispose();
            Directory.Delete(Folder, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
