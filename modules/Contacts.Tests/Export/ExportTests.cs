using System.Net;
using System.Text;
using Lookout.Contacts.Tests.Support;
using Lookout.Host.Testing;

namespace Lookout.Contacts.Tests.Export;

public abstract class ExportTests(ContactsHost host) : ContactsApiTest(host)
{
    private static async Task<(byte[] Bytes, string Text, HttpResponseMessage Response)> ExportAsync(ApiClient admin, string query = "")
    {
        var response = await admin.GetAsync("/api/contacts/export" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return (bytes, new UTF8Encoding(false).GetString(bytes), response);
    }

    [Fact]
    public async Task A_contact_named_like_a_formula_comes_out_neutralised()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        await CreateContactAsync(admin, "=HYPERLINK(\"http://x\")", "formula@example.com", more: new { notes = "@SUM(A1)", tags = new[] { "-1+2" } });

        var (_, text, response) = await ExportAsync(admin);

        using (response)
        {
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("contacts.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        }
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("name,email,mobile,timeZone,preferredChannel,fallbackChannels,notes,tags,createdAt,updatedAt", lines[0]);
        Assert.StartsWith("\"'=HYPERLINK(\"\"http://x\"\")\",formula@example.com,,Etc/UTC,email,,\"'@SUM(A1)\",\"'-1+2\",", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain(",=", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_chosen_delimiter_byte_order_mark_header_and_date_format_hold()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var contact = await CreateContactAsync(admin, "Ann; the buyer", "ann@example.com", "+33612345678");
        var created = DateTimeOffset.Parse(Text(contact["createdAt"]), System.Globalization.CultureInfo.InvariantCulture);

        var (bom, bomText, r1) = await ExportAsync(admin, "?delimiter=%3B&header=false&dateFormat=dd%2FMM%2Fyyyy&encoding=utf-8-bom");
        var (tab, tabText, r2) = await ExportAsync(admin, "?delimiter=tab");
        r1.Dispose();
        r2.Dispose();

        Assert.Equal([0xEF, 0xBB, 0xBF], bom.Take(3));
        var line = bomText[1..].TrimEnd('\r', '\n');
        var date = created.UtcDateTime.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"\"Ann; the buyer\";ann@example.com;\"'+33612345678\";Etc/UTC;email;;;;{date};{date}", line);
        Assert.NotEqual(0xEF, tab[0]);
        Assert.StartsWith("name\temail\tmobile\t", tabText, StringComparison.Ordinal);
        Assert.Contains("Ann; the buyer\tann@example.com\t", tabText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_choice_in_the_query_the_export_takes_the_requesting_user_s_own_CSV_preference()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        var contact = await CreateContactAsync(admin, "Ann", "ann@example.com");
        var created = DateTimeOffset.Parse(Text(contact["createdAt"]), System.Globalization.CultureInfo.InvariantCulture);
        using var exporter = (await SignedInMemberAsync(admin, "Exporter", "Admin")).Client;
        await SetMyPreferencesAsync(exporter, null, new { delimiter = ";", header = false, dateFormat = "dd.MM.yyyy", encoding = "utf-8-bom" });

        var (mine, mineText, r1) = await ExportAsync(exporter);
        var (chosen, chosenText, r2) = await ExportAsync(exporter, "?delimiter=%2C&header=true");
        var (_, adminsText, r3) = await ExportAsync(admin);
        r1.Dispose();
        r2.Dispose();
        r3.Dispose();

        var date = created.UtcDateTime.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal([0xEF, 0xBB, 0xBF], mine.Take(3));
        Assert.Equal($"Ann;ann@example.com;;Etc/UTC;email;;;;{date};{date}", mineText[1..].TrimEnd('\r', '\n'));
        // What the query chooses wins; the rest is still the user's own.
        Assert.Equal([0xEF, 0xBB, 0xBF], chosen.Take(3));
        Assert.Equal(["name,email,mobile,timeZone,preferredChannel,fallbackChannels,notes,tags,createdAt,updatedAt", $"Ann,ann@example.com,,Etc/UTC,email,,,,{date},{date}"],
            chosenText[1..].Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        // A user who chose nothing gets the default.
        Assert.StartsWith("name,email,", adminsText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?delimiter=%7C", "delimiter")]
    [InlineData("?header=maybe", "header")]
    [InlineData("?dateFormat=nothing", "dateFormat")]
    [InlineData("?encoding=latin1", "encoding")]
    public async Task A_bad_CSV_preference_is_refused_naming_it(string query, string field)
    {
        using var admin = await AdminOfNewWorkspaceAsync();

        using var response = await admin.GetAsync("/api/contacts/export" + query);

        Assert.Equal([field], await ProblemFieldsAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task An_export_holds_only_the_workspace_s_own_contacts()
    {
        using var admin = await AdminOfNewWorkspaceAsync();
        using var other = await AdminOfNewWorkspaceAsync();
        await CreateContactAsync(admin, "Ours", "ours@example.com");
        await CreateContactAsync(other, "Theirs", "theirs@example.com");

        var (_, text, response) = await ExportAsync(admin);
        response.Dispose();

        Assert.Contains("ours@example.com", text, StringComparison.Ordinal);
        Assert.DoesNotContain("theirs", text, StringComparison.Ordinal);
    }
}

public sealed class ExportOnSqlite(ContactsHostOnSqlite host) : ExportTests(host), IClassFixture<ContactsHostOnSqlite>;

public sealed class ExportOnPostgreSql(ContactsHostOnPostgreSql host) : ExportTests(host), IClassFixture<ContactsHostOnPostgreSql>;
