using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Lookout.Samples.Webhook;

/// <summary>The plugin's settings, from its configuration section.</summary>
public sealed class WebhookOptions
{
    public const int MinimumSecretLength = 16;

    /// <summary>Where to post when the recipient's address is empty; recipients' URL addresses win.</summary>
    public Uri? Url { get; init; }

    /// <summary>The key the body is signed with; receivers check the signature with the same key.</summary>
    public required string Secret { get; init; }

    /// <summary>Allows loopback, private and link-local targets. Off by default: a webhook URL is typed by an admin and must not reach the host's own network.</summary>
    public bool AllowPrivateNetworks { get; init; }

    /// <summary>How long to wait for the target's answer before calling the attempt a transient failure.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Reads <c>Url</c>, <c>Secret</c>, <c>AllowPrivateNetworks</c> and <c>TimeoutSeconds</c>; throws with the setting's name when one is invalid.</summary>
    public static WebhookOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var secret = configuration["Secret"];
        if (string.IsNullOrEmpty(secret) || secret.Length < MinimumSecretLength)
        {
            throw new InvalidOperationException($"Set Secret to a random string of at least {MinimumSecretLength} characters.");
        }
        Uri? url = null;
        if (!string.IsNullOrWhiteSpace(configuration["Url"]) && !WebhookTarget.TryParse(configuration["Url"]!, out url, out var problem))
        {
            throw new InvalidOperationException($"Url: {problem}");
        }
        var allowPrivate = configuration["AllowPrivateNetworks"] is { Length: > 0 } allow
            ? bool.TryParse(allow, out var parsed) ? parsed : throw new InvalidOperationException("AllowPrivateNetworks must be true or false.")
            : false;
        var timeout = TimeSpan.FromSeconds(10);
        if (configuration["TimeoutSeconds"] is { Length: > 0 } seconds)
        {
            if (!int.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value is < 1 or > 120)
            {
                throw new InvalidOperationException("TimeoutSeconds must be a whole number from 1 to 120.");
            }
            timeout = TimeSpan.FromSeconds(value);
        }
        return new WebhookOptions { Url = url, Secret = secret, AllowPrivateNetworks = allowPrivate, Timeout = timeout };
    }
}
