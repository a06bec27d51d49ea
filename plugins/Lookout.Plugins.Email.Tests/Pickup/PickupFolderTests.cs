using System.Text;
using System.Text.RegularExpressions;
using Lookout.Plugins.Email.Pickup;
using Lookout.Plugins.Email.Smtp;
using Lookout.Plugins.Email.Tests.Support;

namespace Lookout.Plugins.Email.Tests.Pickup;

public sealed partial class PickupFolderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"lookout-pickup-{Guid.NewGuid():N}");
    private readonly SmtpConnections _connections = new(new EmailNetwork(AllowPrivateNetworks: false), TimeProvider.System);

    [Fact]
    public async Task With_no_smtp_host_the_message_is_written_to_the_pickup_folder_as_an_eml_file()
    {
        var notification = Notification("Ann is on /pricing", "ann@acme.example", "Ann Smith") with
        {
            HtmlBody = "<p>Ann is on <b>/pricing</b></p>",
            Attachments = [new NotificationAttachment("visits.csv", "text/csv; charset=utf-8", Encoding.UTF8.GetBytes("page\n/pricing\n"))],
        };

        var result = await Channel().SendAsync(notification, CancellationToken.None);

        Assert.True(result.IsDelivered, result.Reason);
        var file = Assert.Single(Directory.GetFiles(_folder, "*.eml"));
        var raw = await File.ReadAllTextAsync(file);
        Assert.Contains($"{EmailChannel.NotificationIdHeader}: {notification.Id}", raw, StringComparison.Ordinal);
        Assert.Contains("multipart/alternative", raw, StringComparison.Ordinal);
        Assert.Contains("filename=visits.csv", raw, StringComparison.Ordinal);

        var listed = Assert.Single(new MailPickupFolder(_folder).List("w1", 10));
        Assert.Equal((Path.GetFileName(file), "Ann is on /pricing", "Ann Smith <ann@acme.example>"), (listed.Name, listed.Subject, listed.To));
        Assert.Equal(raw, new MailPickupFolder(_folder).Read(listed.Name, "w1"));
    }

    [Fact]
    public async Task CR_and_LF_in_the_subject_names_and_file_names_never_start_a_header()
    {
        var notification = Notification("Hello\r\nBcc: eve@evil.example\r\n\r\n<script>", "ann@acme.example", "Ann\r\nX-Injected: name") with
        {
            Attachments = [new NotificationAttachment("report\r\nX-Injected: file.csv", "text/csv\r\nX-Injected: type", "a,b\n"u8.ToArray())],
        };

        var result = await Channel(fromDisplayName: "Lookout\nX-Injected: from").SendAsync(notification, CancellationToken.None);

        Assert.True(result.IsDelivered, result.Reason);
        var raw = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(_folder, "*.eml")));
        var lines = raw.Split("\r\n");
        Assert.DoesNotContain(lines, l => l.StartsWith("Bcc:", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(lines, l => l.StartsWith("X-Injected", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(Headers(raw), h => h.Contains("eve@evil.example", StringComparison.Ordinal) && !h.StartsWith("Subject:", StringComparison.Ordinal));
        Assert.Empty(BareLineFeed().Matches(raw));
        var listed = Assert.Single(new MailPickupFolder(_folder).List("w1", 10));
        Assert.Equal("Hello Bcc: eve@evil.example <script>", listed.Subject);
    }

    [Fact]
    public async Task Non_ascii_subjects_and_names_are_written_as_encoded_words_and_listed_as_written()
    {
        var notification = Notification("Zoë is on /prices — again", "zoe@acme.example", "Zoë Ærøskøbing") with
        {
            Attachments = [new NotificationAttachment("Besøg — März.csv", "text/csv", "a\n"u8.ToArray())],
        };

        Assert.True((await Channel(fromDisplayName: "Lookout Överwachung").SendAsync(notification, CancellationToken.None)).IsDelivered);

        var raw = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(_folder, "*.eml")));
        Assert.All(raw, c => Assert.True(c < 128, $"'{c}' is not 7-bit"));
        Assert.Contains("Subject: =?utf-8?", raw, StringComparison.Ordinal);
        Assert.Contains("filename*=utf-8''Bes%C3%B8g", raw, StringComparison.Ordinal);
        var listed = Assert.Single(new MailPickupFolder(_folder).List("w1", 10));
        Assert.Equal(("Zoë is on /prices — again", "Zoë Ærøskøbing <zoe@acme.example>", "Lookout Överwachung <alerts@lookout.example>"), (listed.Subject, listed.To, listed.From));
    }

    [Fact]
    public async Task A_reader_of_the_folder_never_sees_a_message_half_written()
    {
        var attachment = new byte[3 * 1024 * 1024];
        Random.Shared.NextBytes(attachment);
        using var done = new CancellationTokenSource();
        var seen = new HashSet<string>();
        var reader = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                foreach (var file in Directory.Exists(_folder) ? Directory.GetFiles(_folder, "*.eml") : [])
                {
                    if (seen.Add(file))
                    {
                        // Complete or not there at all: MimeKit reads the whole message and its attachment.
                        using var message = await MimeKit.MimeMessage.LoadAsync(file);
                        var part = Assert.Single(message.Attachments.OfType<MimeKit.MimePart>());
                        using var bytes = new MemoryStream();
                        await part.Content!.DecodeToAsync(bytes);
                        Assert.Equal(attachment.Length, bytes.Length);
                    }
                }
                await Task.Delay(1);
            }
        });

        for (var i = 0; i < 8; i++)
        {
            var notification = Notification($"Big {i}", "ann@acme.example", null) with { Attachments = [new NotificationAttachment("big.bin", "application/octet-stream", attachment)] };
            Assert.True((await Channel().SendAsync(notification, CancellationToken.None)).IsDelivered);
        }
        await done.CancelAsync();
        await reader;

        Assert.Equal(8, Directory.GetFiles(_folder, "*.eml").Length);
        Assert.DoesNotContain(Directory.GetFiles(_folder), f => !f.EndsWith(".eml", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("../secrets.eml")]
    [InlineData("..%2Fsecrets.eml")]
    [InlineData("/etc/passwd")]
    [InlineData("message.txt")]
    [InlineData("")]
    public async Task A_name_that_is_not_a_file_of_the_folder_reads_nothing(string name)
    {
        await Channel().SendAsync(Notification("Hi", "ann@acme.example", null), CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(Path.GetDirectoryName(_folder)!, "secrets.eml"), $"{EmailChannel.WorkspaceHeader}: w1\r\n\r\nsecret");

        Assert.Null(new MailPickupFolder(_folder).Read(name, "w1"));
    }

    [Fact]
    public async Task Each_workspace_sees_its_own_messages_only()
    {
        await Channel().SendAsync(Notification("For w1", "ann@acme.example", null), CancellationToken.None);
        await Channel().SendAsync(Notification("For w2", "bob@acme.example", null) with { WorkspaceId = "w2" }, CancellationToken.None);
        var folder = new MailPickupFolder(_folder);

        var ofW1 = Assert.Single(folder.List("w1", 10));
        var ofW2 = Assert.Single(folder.List("w2", 10));

        Assert.Equal(("For w1", "For w2"), (ofW1.Subject, ofW2.Subject));
        Assert.Null(folder.Read(ofW2.Name, "w1"));
    }

    public void Dispose()
    {
        _connections.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private EmailChannel Channel(string fromDisplayName = "Lookout") =>
        new(new FixedSettings<EmailSettings>(new EmailSettings { FromAddress = "alerts@lookout.example", FromDisplayName = fromDisplayName }), new MailPickupFolder(_folder), _connections);

    private static Notification Notification(string subject, string address, string? name) =>
        new($"n-{Guid.NewGuid():N}", new Recipient(address, name, "Etc/UTC", Lookout.Plugins.CsvPreference.Default), subject, "Body", null, []) { WorkspaceId = "w1" };

    private static string[] Headers(string raw) => raw[..raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n");

    [GeneratedRegex("(?<!\r)\n")]
    private static partial Regex BareLineFeed();
}
