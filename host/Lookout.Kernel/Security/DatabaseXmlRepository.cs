using System.Xml.Linq;
using Dapper;
using Lookout.Kernel.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Lookout.Kernel.Security;

/// <summary>
/// DataProtection's key ring in the installation's database (<c>kernel_data_protection_keys</c>): every host protects
/// and unprotects session cookies and antiforgery tokens with the same keys, and a host given a fresh <c>HOME</c>
/// (a new machine, a new container) does not sign everyone out.
/// </summary>
/// <remarks>
/// The keys are stored unencrypted, as DataProtection's default key folder stores them on Linux: whoever reads this
/// table can forge sessions, so the database (its credentials and its backups) is the secret boundary.
/// DataProtection calls a repository synchronously and seldom (at start, when its cached ring expires about once a
/// day, when it adds a key), so the calls wait for the database here.
/// </remarks>
internal sealed class DatabaseXmlRepository(LookoutDatabase database, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => ReadAllAsync().GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        var xml = element.ToString(SaveOptions.DisableFormatting);
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(
            "INSERT INTO kernel_data_protection_keys (friendly_name, xml, stored_at) VALUES (@friendlyName, @xml, @at)",
            new { friendlyName, xml, at = clock.GetUtcNow().ToUnixTimeMilliseconds() },
            transaction)).GetAwaiter().GetResult();
    }

    private async Task<IReadOnlyCollection<XElement>> ReadAllAsync()
    {
        await using var connection = await database.OpenAsync().ConfigureAwait(false);
        var rows = await connection.QueryAsync<string>("SELECT xml FROM kernel_data_protection_keys ORDER BY id").ConfigureAwait(false);
        return rows.Select(xml => XElement.Parse(xml)).ToList();
    }
}
