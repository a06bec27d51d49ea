using System.Diagnostics.CodeAnalysis;

namespace Lookout.Plugins.Sms;

/// <summary>What a gateway URL may be: absolute http or https, with a host, no credentials (they go in settings), of a sane length.</summary>
internal static class GatewayUrl
{
    private const int MaxLength = 2048;

    public static bool TryParse(string? text, [NotNullWhen(true)] out Uri? url, [NotNullWhen(false)] out string? problem)
    {
        url = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "Required: an http or https URL.";
            return false;
        }
        if (text.Length > MaxLength || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var parsed)
            || parsed.Scheme is not ("http" or "https") || string.IsNullOrEmpty(parsed.Host))
        {
            problem = "Not an absolute http or https URL such as https://api.example.com.";
            return false;
        }
        if (!string.IsNullOrEmpty(parsed.UserInfo))
        {
            problem = "A URL cannot carry a user name or password; use the settings for them.";
            return false;
        }
        url = parsed;
        problem = null;
        return true;
    }
}
