using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Lookout.Plugins.Email;

/// <summary>
/// What the host's configuration alone decides about the email plugin's connections; admins of a workspace can change
/// neither, or they could point the installation's mail at its own network or weaken its TLS.
/// </summary>
/// <param name="AllowPrivateNetworks">From <c>Plugins:email:AllowPrivateNetworks</c>; false by default.</param>
public sealed record EmailNetwork(bool AllowPrivateNetworks)
{
    /// <summary>
    /// SHA-256 fingerprints (hex, upper case, no separators) of server certificates accepted although they do not
    /// chain to a trusted root or name another host: a relay with a self-signed certificate on the company network.
    /// From <c>Plugins:email:TrustedCertificates</c>; empty by default, and then only the system's trust applies.
    /// </summary>
    public IReadOnlySet<string> TrustedCertificates { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Reads a list of fingerprints as written by <c>openssl x509 -fingerprint -sha256</c> or without colons, separated by commas.</summary>
    /// <exception cref="FormatException">An entry is not 64 hex digits.</exception>
    public static IReadOnlySet<string> Fingerprints(string? list)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var hex = entry.Replace(":", "", StringComparison.Ordinal).ToUpperInvariant();
            if (hex.Length != 64 || !hex.All(Uri.IsHexDigit))
            {
                throw new FormatException($"'{entry}' is not a SHA-256 certificate fingerprint (64 hex digits).");
            }
            set.Add(hex);
        }
        return set;
    }

    /// <summary>The system's verdict, or a certificate whose fingerprint is listed in <see cref="TrustedCertificates"/>.</summary>
    internal bool Accepts(X509Certificate? certificate, SslPolicyErrors errors) =>
        errors == SslPolicyErrors.None
        || (certificate is not null && TrustedCertificates.Contains(certificate.GetCertHashString(HashAlgorithmName.SHA256)));
}
