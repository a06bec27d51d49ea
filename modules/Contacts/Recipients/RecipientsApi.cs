using Lookout.Contacts.Addresses;
using Lookout.Contacts.Contacts;
using Lookout.Contacts.Contracts;
using Lookout.Contacts.Lists;
using Lookout.Kernel.Http;
using Lookout.Kernel.Paging;
using Lookout.Kernel.Tenancy;
using Lookout.Workspaces.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lookout.Contacts.Recipients;

/// <summary>What the recipient picker asks: search, check typed addresses, and preview what a spec resolves to.</summary>
internal static class RecipientsApi
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const int MaxEntries = 500;

    /// <summary>A pick in the recipient picker; <see cref="Detail"/> is the email address or the member count.</summary>
    public sealed record RecipientChoice(string Kind, string Id, string Name, string Detail);

    public sealed record ValidateRequest(IReadOnlyList<string?>? AdHoc, string? Cc);

    public sealed record ValidatedRecipients(IReadOnlyList<string> AdHoc, IReadOnlyList<string> Cc);

    public sealed record ResolveRequest(IReadOnlyList<ResolveEntry?>? Entries, string? SiteId, string? LeadOwnerUserId);

    public sealed record ResolveEntry(RecipientKind? Kind, string? Id, string? Value);

    public static void MapRecipientsApi(this RouteGroupBuilder group)
    {
        var recipients = group.MapGroup("/recipients");
        recipients.MapGet("/", Search).WithName("SearchRecipients").WithSummary("Search users, contacts and lists to pick as recipients").RequireWorkspaceRole(WorkspaceRole.SalesRep);
        recipients.MapPost("/validate", Validate).WithName("ValidateRecipients").WithSummary("Check typed addresses and Cc before saving them").RequireWorkspaceRole(WorkspaceRole.SalesRep);
        recipients.MapPost("/resolve", Resolve).WithName("ResolveRecipients").WithSummary("Resolve recipients to the addresses they reach").RequireWorkspaceRole(WorkspaceRole.Admin);
    }

    private static async Task<Results<Ok<IReadOnlyList<RecipientChoice>>, ValidationProblem>> Search(
        string? q, int? limit, WorkspaceScope scope, IUserDirectory users, ContactStore contacts, ListStore lists, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return FieldErrors.For("limit", $"Between 1 and {MaxLimit}.");
        }
        if (q is { Length: > 200 })
        {
            return FieldErrors.For("q", "At most 200 characters.");
        }
        var take = limit ?? DefaultLimit;
        var text = q?.Trim() ?? "";
        var choices = new List<RecipientChoice>();
        choices.AddRange((await users.MembersAsync(scope.WorkspaceId, cancellationToken))
            .Where(u => Matches(u.DisplayName, text) || Matches(u.Email, text))
            .Select(u => new RecipientChoice(ListMember.User, u.Id, u.DisplayName, u.Email)));
        choices.AddRange((await contacts.PageAsync(scope.WorkspaceId, text, new PageRequest { PageSize = take }, cancellationToken)).Items
            .Select(c => new RecipientChoice(ListMember.Contact, c.Id, c.Name, c.Email ?? c.Mobile ?? "")));
        choices.AddRange((await lists.ListAsync(scope.WorkspaceId, cancellationToken))
            .Where(l => Matches(l.Name, text))
            .Select(l => new RecipientChoice(ListMember.List, l.Id, l.Name, l.Members.Count == 1 ? "1 member" : $"{l.Members.Count} members")));
        return TypedResults.Ok<IReadOnlyList<RecipientChoice>>(choices
            .OrderBy(c => !c.Name.StartsWith(text, StringComparison.OrdinalIgnoreCase))
            .ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .Take(take)
            .ToList());
    }

    private static async Task<Results<Ok<ValidatedRecipients>, ValidationProblem>> Validate(
        ValidateRequest request, WorkspaceScope scope, IWorkspaceSettings settings, HttpContext http)
    {
        var errors = new FieldErrors();
        if (request.AdHoc is null)
        {
            errors.Add("adHoc", "Required: the typed recipients, possibly none.");
        }
        var region = (await settings.GetAsync(scope.WorkspaceId, http.RequestAborted)).DefaultPhoneRegion;
        var adHoc = AdHocRecipients.Validate(errors, "adHoc", request.AdHoc, region);
        var cc = AdHocRecipients.ValidateCc(errors, "cc", request.Cc);
        return errors.Any ? errors.ToProblem() : TypedResults.Ok(new ValidatedRecipients(adHoc.Distinct(StringComparer.Ordinal).ToList(), cc));
    }

    private static async Task<Results<Ok<RecipientResolution>, ValidationProblem>> Resolve(
        ResolveRequest request, WorkspaceScope scope, IRecipientResolver resolver, ISiteDirectory sites, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var entries = new List<RecipientEntry>();
        if (request.Entries is null)
        {
            errors.Add("entries", "Required.");
        }
        else if (request.Entries.Count > MaxEntries)
        {
            errors.Add("entries", $"At most {MaxEntries} entries.");
        }
        for (var i = 0; i < Math.Min(request.Entries?.Count ?? 0, MaxEntries); i++)
        {
            var entry = request.Entries![i];
            if (entry?.Kind is not { } kind)
            {
                errors.Add($"entries[{i}].kind", "One of user, contact, list, me, leadOwner, adHoc.");
            }
            else if (kind is RecipientKind.User or RecipientKind.Contact or RecipientKind.List && string.IsNullOrWhiteSpace(entry.Id))
            {
                errors.Add($"entries[{i}].id", "Required.");
            }
            else if (kind is RecipientKind.AdHoc && string.IsNullOrWhiteSpace(entry.Value))
            {
                errors.Add($"entries[{i}].value", "Required.");
            }
            else
            {
                entries.Add(new RecipientEntry(kind, kind is RecipientKind.User or RecipientKind.Contact or RecipientKind.List ? entry.Id!.Trim() : null, kind is RecipientKind.AdHoc ? entry.Value : null));
            }
        }
        var siteId = string.IsNullOrWhiteSpace(request.SiteId) ? null : request.SiteId.Trim();
        if (siteId is not null && (siteId.Length > 64 || await sites.FindByIdAsync(siteId, cancellationToken) is not { } site || site.WorkspaceId != scope.WorkspaceId))
        {
            errors.Add("siteId", "Not a site of this workspace.");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var owner = string.IsNullOrWhiteSpace(request.LeadOwnerUserId) ? null : request.LeadOwnerUserId.Trim();
        return TypedResults.Ok(await resolver.ResolveAsync(scope.WorkspaceId, new RecipientSpec(entries), new RecipientContext(scope.UserId, owner, siteId), cancellationToken));
    }

    private static bool Matches(string value, string text) => text.Length == 0 || value.Contains(text, StringComparison.OrdinalIgnoreCase);
}
