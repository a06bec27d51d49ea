using System.Text;
using System.Text.RegularExpressions;

namespace Lookout.Plugins.Email.Pickup;

/// <summary>A message in the pickup folder, as the "Outbox mail" page lists it; header values decoded, on one line.</summary>
/// <param name="Name">The file's name (<c>&lt;guid&gt;.eml</c>), which <see cref="MailPickupFolder.Read"/> takes.</param>
public sealed record PickedUpMail(string Name, long Size, DateTimeOffset WrittenAt, string Subject, string From, string To, string Date);

/// <summary>
/// The folder the <c>email</c> channel writes <c>.eml</c> files to when no SMTP host is set (<c>Plugins:email:PickupDirectory</c>,
/// default <c>data/mail-pickup</c> under the content root; only the host's configuration sets it). Reading is by file
/// name only, checked against a strict pattern, so a name can never reach outside the folder.
/// </summary>
public sealed partial class MailPickupFolder(string path)
{
    /// <summary>The default folder, relative to the content root.</summary>
    public const string DefaultPath = "data/mail-pickup";

    private const int MaxHeaderBytes = 64 * 1024;
    private const long MaxMessageBytes = 10 * 1024 * 1024;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>Creates the folder when it is missing; returns its full path.</summary>
    public string EnsureExists()
    {
        Directory.CreateDirectory(Path);
        return Path;
    }

    /// <summary>The newest messages of <paramref name="workspaceId"/> first, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<PickedUpMail> List(string workspaceId, int max)
    {
        if (!Directory.Exists(Path))
        {
            return [];
        }
        var mail = new List<PickedUpMail>();
        foreach (var file in new DirectoryInfo(Path).EnumerateFiles("*.eml").Where(f => NamePattern().IsMatch(f.Name)).OrderByDescending(f => f.LastWriteTimeUtc))
        {
            var headers = ReadHeaders(file);
            if (headers is null || headers.GetValueOrDefault(EmailChannel.WorkspaceHeader) != workspaceId)
            {
                continue;
            }
            mail.Add(new PickedUpMail(
                file.Name,
                file.Length,
                new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero),
                headers.GetValueOrDefault("Subject", ""),
                headers.GetValueOrDefault("From", ""),
                headers.GetValueOrDefault("To", ""),
                headers.GetValueOrDefault("Date", "")));
            if (mail.Count == max)
            {
                break;
            }
        }
        return mail;
    }

    /// <summary>The raw message named <paramref name="name"/> when it exists and belongs to <paramref name="workspaceId"/>; null otherwise.</summary>
    public string? Read(string name, string workspaceId)
    {
        if (!NamePattern().IsMatch(name))
        {
            return null;
        }
        var file = new FileInfo(System.IO.Path.Combine(Path, name));
        if (!file.Exists || file.Length > MaxMessageBytes || ReadHeaders(file)?.GetValueOrDefault(EmailChannel.WorkspaceHeader) != workspaceId)
        {
            return null;
        }
        return File.ReadAllText(file.FullName, Encoding.UTF8);
    }

    /// <summary>The message's headers, unfolded and decoded (the last of a repeated name wins); null when it cannot be read.</summary>
    private static Dictionary<string, string>? ReadHeaders(FileInfo file)
    {
        try
        {
            using var stream = file.OpenRead();
            var buffer = new byte[Math.Min(MaxHeaderBytes, file.Length)];
            stream.ReadExactly(buffer);
            var text = Encoding.UTF8.GetString(buffer);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var block = end >= 0 ? text[..end] : text;
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in Unfold().Replace(block, " ").Split("\r\n"))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers[line[..colon].Trim()] = MailHeaders.Clean(EncodedWords.Decode(line[(colon + 1)..].Trim()), 500);
                }
            }
            return headers;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // The channel's SmtpClient names files with a GUID; nothing else is ever read.
    [GeneratedRegex("^[A-Za-z0-9-]{1,64}\\.eml$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("\r\n[ \t]+")]
    private static partial Regex Unfold();
}
