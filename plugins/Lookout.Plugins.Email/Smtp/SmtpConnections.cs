using System.Net;
using System.Net.Sockets;
using Lookout.Plugins.Http;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Lookout.Plugins.Email.Smtp;

/// <summary>
/// The SMTP connections the email channel keeps open between messages, so that a batch from the outbox pays for one
/// connect, STARTTLS handshake and AUTH instead of one per message. A send takes a connection to its
/// <see cref="SmtpEndpoint"/> that is idle (or opens one), and gives it back when the server accepted the message;
/// a connection that failed in any way is closed instead. There are never more connections to a server than sends
/// running at once (<c>Outbox:Channels:email:Concurrency</c>); one idle for <see cref="IdleTime"/> is closed, and
/// all are closed when the host stops.
/// </summary>
public sealed class SmtpConnections : IAsyncDisposable, IDisposable
{
    /// <summary>How long a connection may wait for the next message: long enough for the outbox's next round, well under servers' own idle limits.</summary>
    public static readonly TimeSpan IdleTime = TimeSpan.FromSeconds(20);

    private const int MaxIdlePerEndpoint = 8;
    private static readonly TimeSpan QuitTimeout = TimeSpan.FromSeconds(2);

    private readonly EmailNetwork _network;
    private readonly TimeProvider _clock;
    private readonly Lock _lock = new();
    private readonly Dictionary<SmtpEndpoint, Stack<(SmtpClient Client, DateTimeOffset Since)>> _idle = [];
    private ITimer? _sweep;
    private bool _disposed;

    public SmtpConnections(EmailNetwork network, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(clock);
        _network = network;
        _clock = clock;
    }

    /// <summary>
    /// Sends <paramref name="message"/> to <paramref name="endpoint"/>. When a kept connection turns out to have been
    /// dropped by the server while idle, the message goes once more over a new one.
    /// </summary>
    /// <param name="endpoint">The server and account.</param>
    /// <param name="message">The message, with its sender and recipients.</param>
    /// <param name="ioTimeout">MailKit's limit on any one read or write.</param>
    /// <param name="cancellationToken">Ends the attempt.</param>
    internal async Task SendAsync(SmtpEndpoint endpoint, MimeMessage message, TimeSpan ioTimeout, CancellationToken cancellationToken)
    {
        if (Take(endpoint) is { } kept)
        {
            try
            {
                await SendOverAsync(endpoint, kept, message, cancellationToken);
                return;
            }
            catch (Exception e) when (IsDropped(e) && !cancellationToken.IsCancellationRequested)
            {
                // Servers close idle connections when they like; that says nothing about the message.
            }
        }
        var client = await OpenAsync(endpoint, ioTimeout, cancellationToken);
        await SendOverAsync(endpoint, client, message, cancellationToken);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        List<SmtpClient> closing;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            closing = [.. _idle.Values.SelectMany(s => s).Select(i => i.Client)];
            _idle.Clear();
        }
        if (_sweep is not null)
        {
            await _sweep.DisposeAsync();
        }
        await Task.WhenAll(closing.Select(QuitAsync));
    }

    private async Task SendOverAsync(SmtpEndpoint endpoint, SmtpClient client, MimeMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await client.SendAsync(message, cancellationToken);
        }
        catch
        {
            // After a refusal, a timeout or a broken pipe the session's state is unknown: never hand it to the next message.
            client.Dispose();
            throw;
        }
        Return(endpoint, client);
    }

    /// <summary>Connects through the SDK's outbound guard (every address of the host checked, the connection made to a checked one), secures and authenticates.</summary>
    private async Task<SmtpClient> OpenAsync(SmtpEndpoint endpoint, TimeSpan ioTimeout, CancellationToken cancellationToken)
    {
        var socket = await OutboundConnection.ConnectAsync(endpoint.Host, endpoint.Port, _network.AllowPrivateNetworks, cancellationToken);
        var client = new SmtpClient { Timeout = (int)ioTimeout.TotalMilliseconds };
        if (_network.TrustedCertificates.Count > 0)
        {
            client.ServerCertificateValidationCallback = (_, certificate, _, errors) => _network.Accepts(certificate, errors);
        }
        try
        {
            // The host name, not the address connected to, is what the server's certificate is checked against.
            await client.ConnectAsync(socket, endpoint.Host, endpoint.Port, endpoint.Security, cancellationToken);
            if (endpoint.UserName.Length > 0)
            {
                await client.AuthenticateAsync(new NetworkCredential(endpoint.UserName, endpoint.Password), cancellationToken);
            }
            return client;
        }
        catch
        {
            client.Dispose();
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The most recently used idle connection to <paramref name="endpoint"/>; older ones past <see cref="IdleTime"/> are closed on the way.</summary>
    private SmtpClient? Take(SmtpEndpoint endpoint)
    {
        var now = _clock.GetUtcNow();
        var stale = new List<SmtpClient>();
        SmtpClient? taken = null;
        lock (_lock)
        {
            if (_idle.TryGetValue(endpoint, out var idle))
            {
                while (taken is null && idle.TryPop(out var kept))
                {
                    if (now - kept.Since < IdleTime && kept.Client.IsConnected)
                    {
                        taken = kept.Client;
                    }
                    else
                    {
                        stale.Add(kept.Client);
                    }
                }
            }
        }
        stale.ForEach(c => c.Dispose());
        return taken;
    }

    private void Return(SmtpEndpoint endpoint, SmtpClient client)
    {
        var kept = false;
        lock (_lock)
        {
            if (!_disposed)
            {
                if (!_idle.TryGetValue(endpoint, out var idle))
                {
                    _idle[endpoint] = idle = new Stack<(SmtpClient, DateTimeOffset)>();
                }
                if (idle.Count < MaxIdlePerEndpoint)
                {
                    idle.Push((client, _clock.GetUtcNow()));
                    kept = true;
                    _sweep ??= _clock.CreateTimer(_ => _ = SweepAsync(), null, IdleTime, IdleTime);
                }
            }
        }
        if (!kept)
        {
            _ = QuitAsync(client);
        }
    }

    /// <summary>Closes the connections idle for <see cref="IdleTime"/>, politely (QUIT), so that servers do not log them as dropped.</summary>
    private async Task SweepAsync()
    {
        var now = _clock.GetUtcNow();
        var closing = new List<SmtpClient>();
        lock (_lock)
        {
            foreach (var (endpoint, idle) in _idle.ToList())
            {
                var fresh = idle.Where(i => now - i.Since < IdleTime).Reverse().ToList();
                closing.AddRange(idle.Where(i => now - i.Since >= IdleTime).Select(i => i.Client));
                if (fresh.Count == 0)
                {
                    _idle.Remove(endpoint);
                }
                else
                {
                    _idle[endpoint] = new Stack<(SmtpClient, DateTimeOffset)>(fresh);
                }
            }
        }
        await Task.WhenAll(closing.Select(QuitAsync));
    }

    private static async Task QuitAsync(SmtpClient client)
    {
        using var timeout = new CancellationTokenSource(QuitTimeout);
        try
        {
            await client.DisconnectAsync(quit: true, timeout.Token);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ProtocolException or CommandException)
        {
            // Closing anyway.
        }
        finally
        {
            client.Dispose();
        }
    }

    private static bool IsDropped(Exception e) =>
        e is ServiceNotConnectedException or IOException or SmtpProtocolException
        || (e is SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable });
}
