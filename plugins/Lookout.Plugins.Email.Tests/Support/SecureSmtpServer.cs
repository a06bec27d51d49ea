using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Lookout.Plugins.Email.Tests.Support;

/// <summary>
/// The test SMTP server as a submission server should be: STARTTLS required before anything else, with a self-signed
/// certificate made for this run (CN=localhost, 127.0.0.1), and AUTH required (only after STARTTLS) as
/// <see cref="UserName"/> / <see cref="Password"/>. Clients trust the certificate by its <see cref="Fingerprint"/>.
/// </summary>
public sealed class SecureSmtpServer : IDisposable
{
    public const string UserName = "lookout-alerts";
    public const string Password = "correct horse battery staple";

    private readonly string _keys = Directory.CreateTempSubdirectory("lookout-smtp-tls-").FullName;

    public SecureSmtpServer()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        Fingerprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        var certificateFile = Path.Combine(_keys, "cert.pem");
        var keyFile = Path.Combine(_keys, "key.pem");
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        Server = new SmtpServer(["--tls", certificateFile, keyFile, "--auth", UserName, Password]);
    }

    public SmtpServer Server { get; }

    public int Port => Server.Port;

    /// <summary>The certificate's SHA-256 fingerprint, as <c>Plugins:email:TrustedCertificates</c> takes it.</summary>
    public string Fingerprint { get; }

    public Task<ReceivedMail> ReceivedAsync(string header, string value, TimeSpan? within = null) => Server.ReceivedAsync(header, value, within);

    public void Dispose()
    {
        Server.Dispose();
        Directory.Delete(_keys, recursive: true);
    }
}
