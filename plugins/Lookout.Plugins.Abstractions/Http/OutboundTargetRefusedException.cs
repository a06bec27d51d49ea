using System.Net;

namespace Lookout.Plugins.Http;

/// <summary>
/// A connection <see cref="OutboundHttp"/> refused because the host name resolved to an address that is not allowed
/// (by default: one that is not public). <see cref="HttpClient"/> wraps it in an <see cref="HttpRequestException"/>;
/// <see cref="FindIn"/> finds it there.
/// </summary>
public sealed class OutboundTargetRefusedException : Exception
{
    /// <summary>A refusal with no details.</summary>
    public OutboundTargetRefusedException()
        : base("The target is not on the public internet.")
    {
    }

    /// <summary>A refusal with its own message.</summary>
    /// <param name="message">Why.</param>
    public OutboundTargetRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>A refusal with its own message and cause.</summary>
    /// <param name="message">Why.</param>
    /// <param name="innerException">The cause.</param>
    public OutboundTargetRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Refuses <paramref name="host"/>, which resolved to <paramref name="address"/>.</summary>
    /// <param name="host">The host name (or address) of the URL.</param>
    /// <param name="address">The first address it resolved to that is not allowed.</param>
    public OutboundTargetRefusedException(string host, IPAddress address)
        : base($"{host} resolves to {address}, which is not an allowed target: loopback, private and link-local networks are refused unless an admin allows them.")
    {
    }

    /// <summary>The refusal among <paramref name="exception"/> and its inner exceptions, or null when there is none.</summary>
    /// <param name="exception">What an HTTP call threw.</param>
    public static OutboundTargetRefusedException? FindIn(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is OutboundTargetRefusedException refused)
            {
                return refused;
            }
        }
        return null;
    }
}
