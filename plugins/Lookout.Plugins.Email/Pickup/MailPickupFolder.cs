using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace Lookout.Plugins.Email.Pickup;

/// <summary>A message in the pickup folder, as the "Outbox mail" page lists it; header values decoded, on one line.</summary>
/// <param name="Name">The file's name (<c>&lt;guid&gt;.eml</c>), which <see cref="MailPickupFolder.Read"/> takes.</param>
public sealed record PickedUpMail(string Name, long Size, DateTimeOffset WrittenAt, string Subject, string From, string To, string Date);

/// <summary>
/// The folder the <c>email</c> channel writes <c>.eml</c> files to when no SMTP host is set (<c>Plugins:email:PickupDirectory</c>,
/// default <c>data/mail-pickup</c> under the content root; only the host's configuration sets it). A message is written
/// to a hidden temporary file and then renamed, so that a reader (this page, a mail tool watching the folder) never sees
/// half a file. Reading is by file name only, checked against a strict pattern, so a name can never reach outside the
/// folder.
/// </summary>
public sealed partial class MailPickupFolder(string path)
{
    /// <summary>The default folder, relative to the content root.</summary>
    public const string DefaultPath = "data/mail-pickup";

    private const int MaxHeaderBytes = 64 * 1024;

    // A message on disk has CRLF line ends, as on the wire, whatever the server's platform (MimeKit's default is the platform's).
    private static readonly FormatOptions OnDisk = Dos();
    private const long MaxMessageBytes = 10 * 1024 * 1024;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>Writes <paramref name="message"/> as <c>&lt;guid&gt;.eml</c>, all of it or nothing; returns the file's name.</summary>
    /// <remarks>Bodies are written 7-bit clean (quoted-printable or base64), as a pickup folder's readers expect of a message on disk.</remarks>
    public async Task<string> WriteAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Directory.CreateDirectory(Path);
        var id = Guid.NewGuid().ToString("N");
        var name = id + ".eml";
        // Neither "*.eml" nor the name pattern matches the temporary file.
        var temporary = System.IO.Path.Combine(Path, $".{id}.tmp");
        message.Prepare(EncodingConstraint.SevenBit);
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                await message.WriteToAsync(OnDisk, file, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, System.IO.Path.Combine(Path, name));
            return name;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
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

    /// <summary>The message's headers as MimeKit decodes them, on one line (the last of a repeated name wins); null when they cannot be read.</summary>
    private static Dictionary<string, string>? ReadHeaders(FileInfo file)
    {
        try
        {
            using var stream = file.OpenRead();
            var buffer = new byte[Math.Min(MaxHeaderBytes, file.Length)];
            stream.ReadExactly(buffer);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in HeaderList.Load(new MemoryStream(buffer, writable: false)))
            {
                headers[header.Field] = MailHeaders.Clean(header.Value, 500);
            }
            return headers;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ParseException)
        {
            return null;
        }
    }

    private static FormatOptions Dos()
    {
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        return options;
    }

    // Files are named with a GUID; nothing else is ever read.
    [GeneratedRegex("^[A-Za-z0-9-]{1,64}\\.eml$")]
    private static partial Regex NamePattern();
}
