using System.Diagnostics.CodeAnalysis;

namespace Lookout.Samples.Webhook;

/// <summary>What a webhook URL may be: absolute http or https, with a host, no credentials, of a sane length.</summary>
internal static class WebhookTarget
{
    private const int MaxLength = 2048;

    public static bool TryParse(string text, [NotNullWhen(true)] out Uri? url, [NotNullWhen(false)] out string? problem)
    {
        url = null;
        if (text.Length > MaxLength)
        {
            problem = $"A webhook URL is at most {MaxLength} characters.";
            return false;
        }
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https") || string.IsNullOrEmpty(parsed.Host))
        {
            problem = $"'{text}' is not an http or https URL.";
            return false;
        }
        if (!string.IsNullOrEmpty(parsed.UserInfo))
        {
            problem = "A webhook URL cannot carry a user name or password.";
            return false;
        }
        url = parsed;
        problem = null;
        return true;
    }
}
