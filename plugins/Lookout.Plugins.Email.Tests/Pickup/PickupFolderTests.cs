using System.Text;
using System.Text.RegularExpressions;
using Lookout.Plugins.Email.Pickup;
using Lookout.Plugins.Email.Tests.Support;

namespace Lookout.Plugins.Email.Tests.Pickup;

public sealed partial class PickupFolderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"lookout-pickup-{Guid.NewGuid():N}");

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
        Assert.Equal((Path.GetFileName(file), "Ann is on /pricing", "\"Ann Smith\" <ann@acme.example>"), (listed.Name, listed.Subject, listed.To));
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
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private EmailChannel Channel(string fromDisplayName = "Lookout") =>
        new(new FixedSettings<EmailSettings>(new EmailSettings { FromAddress = "alerts@lookout.example", FromDisplayName = fromDisplayName }), new MailPickupFolder(_folder), new EmailNetwork(AllowPrivateNetworks: false));

    private static Notification Notification(string subject, string address, string? name) =>
        new($"n-{Guid.NewGuid():N}", new Recipient(address, name, "Etc/UTC", Lookout.Plugins.CsvPreference.Default), subject, "Body", null, []) { WorkspaceId = "w1" };

    private static string[] Headers(string raw) => raw[..raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n");

    [GeneratedRegex("(?<!\r)\n")]
    private static partial Regex BareLineFeed();
}
