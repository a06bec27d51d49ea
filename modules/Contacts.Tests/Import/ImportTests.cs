using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Lookout.Contacts.Tests.Support;
using Lookout.Host.Testing;
using Xunit.Abstractions;

namespace Lookout.Contacts.Tests.Import;

public abstract class ImportTests(ContactsHost host, ITestOutputHelper output) : ContactsApiTest(host)
{
    private static readonly object Mapping = new { name = "Full name", email = "E-mail", mobile = "Phone", timeZone = "Zone", tags = "Tags" };

    private static async Task<JsonNode> UploadAsync(ApiClient admin, HttpContent csv)
    {
        using var response = await admin.PostAsync("/api/contacts/import", csv);
        return await ApiClient.ReadAsync(response, HttpStatusCode.OK);
    }

    private static Task<JsonNode> UploadAsync(ApiClient admin, string csv) => UploadAsync(admin, new StringContent(csv, Encoding.UTF8, "text/csv"));

    private static async Task<JsonNode> RunAsync(ApiClient admin, JsonNode upload, string duplicatePolicy, object? mapping = null)
    {
        using var response = await admin.PostAsync($"/api/contacts/import/{Text(upload["importId"])}/run", new { mapping = mapping ?? Mapping, duplicatePolicy });
        return await ApiClient.ReadAsync(response, HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_upload_answers_its_columns_a_sample_and_a_suggested_mapping()
    {
        using var admin = await AdminOfNewWorkspaceAsync();

        var upload = await UploadAsync(admin, "Full name;E-mail;Phone;Company\nAnn;ann@example.com;+33612345678;Acme\n\"Bob; Jr\";bob@example.com;;\n");

        Assert.Equal(["Full name", "E-mail", "Phone", "Company"], upload["columns"]!.AsArray().Select(Text));
        Assert.Equal(";", Text(upload["delimiter"]));
        Assert.Equal(["Bob; Jr", "bob@example.com", "", ""], upload["sampleRows"]![1]!.AsArray().Select(Text));
        var suggested = upload["suggestedMapping"]!.AsObject().ToDictionary(p => p.Key, p => Text(p.Value));
        Assert.Equal(new Dictionary<string, string> { ["name"] = "Full name", ["email"] = "E-mail", ["mobile"] = "Phone" }, suggested);
    }

    [Fact]
    public async Task Bad_rows_are_reported_with_row_and_column_while_good_rows_land()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var upload = await UploadAsync(admin, """
            Full name,E-mail,Phone,Zone,Tags
            Ann,ann@example.com,+33612345678,Europe/Paris,"client, vip"
            Bad mail,not-an-email,,,
            Bad phone,phone@example.com,0612,,
            ,noname@example.com,,,
            Bad zone,zone@example.com,,Mars/Base,
            Bob,bob@example.com,,,
            """);

        var result = await RunAsync(admin, upload, "update");

        Assert.Equal((2, 0, 0), (result["created"]!.GetValue<long>(), result["updated"]!.GetValue<long>(), result["skipped"]!.GetValue<long>()));
        Assert.Equal([(3L, "E-mail"), (4L, "Phone"), (5L, "Full name"), (6L, "Zone")],
            result["errors"]!.AsArray().Select(e => (e!["row"]!.GetValue<long>(), Text(e["column"]))));
        Assert.All(result["errors"]!.AsArray(), e => Assert.False(string.IsNullOrWhiteSpace(Text(e!["reason"]))));
        var contacts = (await GetAsync(admin, "/api/contacts/contacts"))["items"]!.AsArray();
        Assert.Equal(["Ann", "Bob"], contacts.Select(c => Text(c!["name"])));
        Assert.Equal(["client", "vip"], contacts[0]!["tags"]!.AsArray().Select(Text));
        Assert.Equal("Europe/Paris", Text(contacts[0]!["timeZone"]));
    }

    [Fact]
    public async Task National_numbers_in_an_import_are_read_in_the_workspace_s_default_region()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        await SetDefaultPhoneRegionAsync(admin, "GB");
        var upload = await UploadAsync(admin, """
            Full name,E-mail,Phone,Zone,Tags
            Ann,ann@example.com,07400 123456,,
            Bob,bob@example.com,+33 6 12 34 56 78,,
            Cid,cid@example.com,07400 12345,,
            """);

        var result = await RunAsync(admin, upload, "update");

        Assert.Equal(2, result["created"]!.GetValue<long>());
        var error = Assert.Single(result["errors"]!.AsArray())!;
        Assert.Equal((4L, "Phone"), (error["row"]!.GetValue<long>(), Text(error["column"])));
        Assert.StartsWith("Not a valid phone number for GB.", Text(error["reason"]), StringComparison.Ordinal);
        var contacts = (await GetAsync(admin, "/api/contacts/contacts"))["items"]!.AsArray();
        Assert.Equal([("Ann", "+447400123456"), ("Bob", "+33612345678")], contacts.Select(c => (Text(c!["name"]), Text(c["mobile"]))));
    }

    [Fact]
    public async Task Re_importing_with_update_changes_the_contacts_and_with_skip_leaves_them()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        await RunAsync(admin, await UploadAsync(admin, "Full name,E-mail,Phone,Zone,Tags\nAnn,ann@example.com,,,\nBob,bob@example.com,,,\n"), "update");

        var skipped = await RunAsync(admin, await UploadAsync(admin, "Full name,E-mail,Phone,Zone,Tags\nAnn Skipped,ANN@example.com,,,\nCarl,carl@example.com,,,\n"), "skip");
        var names = (await GetAsync(admin, "/api/contacts/contacts"))["items"]!.AsArray().Select(c => Text(c!["name"])).ToList();
        var updated = await RunAsync(admin, await UploadAsync(admin, "Full name,E-mail,Phone,Zone,Tags\nAnn Updated,ann@example.com,+4915112345678,,\nDan,dan@example.com,,,\n"), "update");

        Assert.Equal((1, 0, 1), (skipped["created"]!.GetValue<long>(), skipped["updated"]!.GetValue<long>(), skipped["skipped"]!.GetValue<long>()));
        Assert.Equal(["Ann", "Bob", "Carl"], names);
        Assert.Equal((1, 1, 0), (updated["created"]!.GetValue<long>(), updated["updated"]!.GetValue<long>(), updated["skipped"]!.GetValue<long>()));
        var after = (await GetAsync(admin, "/api/contacts/contacts"))["items"]!.AsArray();
        Assert.Equal(["Ann Updated", "Bob", "Carl", "Dan"], after.Select(c => Text(c!["name"])));
        Assert.Equal("+4915112345678", Text(after[0]!["mobile"]));
    }

    [Fact]
    public async Task A_preview_shows_the_first_rows_as_they_would_land_and_their_errors_without_writing()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        await CreateContactAsync(admin, "Existing", "ann@example.com");
        var upload = await UploadAsync(admin, "Full name\tE-mail\tPhone\tZone\tTags\nAnn\tann@example.com\t\t\t\nNew\tnew@example.com\t+33 6 12 34 56 78\t\t\nBad\tbad\t\t\t\n");

        using var response = await admin.PostAsync($"/api/contacts/import/{Text(upload["importId"])}/preview", new { mapping = Mapping, delimiter = "\t", duplicatePolicy = "skip" });

        var preview = await ApiClient.ReadAsync(response, HttpStatusCode.OK);
        Assert.Equal([(2L, "skip", "Ann"), (3L, "create", "New")], preview["rows"]!.AsArray().Select(r => (r!["row"]!.GetValue<long>(), Text(r["action"]), Text(r["name"]))));
        Assert.Equal("+33612345678", Text(preview["rows"]![1]!["mobile"]));
        Assert.Equal([(4L, "E-mail")], preview["errors"]!.AsArray().Select(e => (e!["row"]!.GetValue<long>(), Text(e["column"]))));
        Assert.Equal(1, (await GetAsync(admin, "/api/contacts/contacts"))["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_mapping_that_names_no_such_column_or_no_name_is_refused_naming_the_field()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var upload = await UploadAsync(admin, "Full name,E-mail\nAnn,ann@example.com\n");

        using var response = await admin.PostAsync($"/api/contacts/import/{Text(upload["importId"])}/run", new { mapping = new { email = "Mail", shoeSize = "E-mail" }, duplicatePolicy = "merge" });

        Assert.Equal(["duplicatePolicy", "mapping.email", "mapping.name", "mapping.shoeSize"], await ProblemFieldsAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Another_workspace_s_upload_is_not_found()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        using var other = await AdminOfNewWorkspaceAsync();
        var theirs = await UploadAsync(other, "Full name,E-mail\nAnn,ann@example.com\n");

        using var response = await admin.PostAsync($"/api/contacts/import/{Text(theirs["importId"])}/run", new { mapping = new { name = "Full name", email = "E-mail" }, duplicatePolicy = "update" });

        await Problem.ReadAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(0, (await GetAsync(admin, "/api/contacts/contacts"))["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_header_row_over_1_MiB_is_a_400_naming_the_file()
    {
        using var admin = await AdminOfNewWorkspaceAsync();

        using var response = await admin.PostAsync("/api/contacts/import", new StringContent($"\"Full name{new string('a', 1_100_000)},E-mail\nAnn,ann@example.com\n", Encoding.UTF8, "text/csv"));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["file"], Problem.Fields(problem));
        Assert.Contains("Row 1 is longer than 1 MiB", problem["errors"]!["file"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_over_1_MiB_ends_the_import_there_with_an_error_and_the_rows_before_it_land()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var upload = await UploadAsync(admin, $"Full name,E-mail\nAnn,ann@example.com\n\"Bob{new string('b', 1_100_000)},bob@example.com\nCid,cid@example.com\n");
        var mapping = new { name = "Full name", email = "E-mail" };
        using var preview = await admin.PostAsync($"/api/contacts/import/{Text(upload["importId"])}/preview", new { mapping });
        var previewed = await ApiClient.ReadAsync(preview, HttpStatusCode.OK);

        var result = await RunAsync(admin, upload, "update", mapping);

        foreach (var answer in new[] { previewed, result })
        {
            var error = Assert.Single(answer["errors"]!.AsArray())!;
            Assert.Equal(3, error["row"]!.GetValue<long>());
            Assert.StartsWith("Row 3 is longer than 1 MiB", error["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        Assert.Equal(1, result["created"]!.GetValue<long>());
        Assert.Equal(["Ann"], (await GetAsync(admin, "/api/contacts/contacts"))["items"]!.AsArray().Select(c => Text(c!["name"])));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task An_upload_that_is_not_text_csv_is_a_415(string contentType)
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        using var body = new ByteArrayContent(Encoding.UTF8.GetBytes("Full name,E-mail\nAnn,ann@example.com\n"));
        body.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await admin.PostAsync("/api/contacts/import", body);

        await Problem.ReadAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_file_of_100000_rows_imports_streamed()
    {
        const int Rows = 100_000;
        using var admin = await AdminOfNewWorkspaceAsync();
        var file = Path.Combine(Path.GetTempPath(), $"contacts-{Guid.NewGuid():N}.csv");
        try
        {
            await using (var writer = new StreamWriter(file, false, new UTF8Encoding(false)))
            {
                await writer.WriteLineAsync("Full name,E-mail,Phone,Zone,Tags");
                for (var i = 0; i < Rows; i++)
                {
                    await writer.WriteLineAsync($"Contact {i:000000},contact{i}@example.com,+3361{i:0000000},Europe/Paris,\"import, batch{i % 10}\"");
                }
            }
            var size = new FileInfo(file).Length;
            GC.Collect();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();

            await using var stream = File.OpenRead(file);
            var upload = await UploadAsync(admin, new StreamContent(stream) { Headers = { ContentType = new("text/csv") } });
            var uploaded = clock.Elapsed;
            var result = await RunAsync(admin, upload, "update");
            clock.Stop();

            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            using var process = Process.GetCurrentProcess();
            output.WriteLine($"{App.Dialect}: {Rows:N0} rows ({size / 1024.0 / 1024.0:F1} MB) uploaded in {uploaded.TotalSeconds:F1} s, imported in {(clock.Elapsed - uploaded).TotalSeconds:F1} s " +
                $"({Rows / (clock.Elapsed - uploaded).TotalSeconds:N0} rows/s); allocated {allocated / 1024.0 / 1024.0:N0} MB in all (test client and host), " +
                $"peak working set of the test process {process.PeakWorkingSet64 / 1024.0 / 1024.0:N0} MB, managed heap now {GC.GetTotalMemory(false) / 1024.0 / 1024.0:N0} MB");
            Assert.Equal(Rows, result["created"]!.GetValue<long>());
            Assert.Empty(result["errors"]!.AsArray());
            Assert.Equal(Rows, (await GetAsync(admin, "/api/contacts/contacts?pageSize=1"))["total"]!.GetValue<long>());
        }
        finally
        {
            File.Delete(file);
        }
    }
}

public sealed class ImportOnSqlite(ContactsHostOnSqlite host, ITestOutputHelper output) : ImportTests(host, output), IClassFixture<ContactsHostOnSqlite>;

public sealed class ImportOnPostgreSql(ContactsHostOnPostgreSql host, ITestOutputHelper output) : ImportTests(host, output), IClassFixture<ContactsHostOnPostgreSql>;
