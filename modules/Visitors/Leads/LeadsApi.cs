using Lookout.Kernel.Http;
using Lookout.Kernel.Paging;
using Lookout.Kernel.Text;
using Lookout.Kernel.Tenancy;
using Lookout.Visitors.Live;
using Lookout.Visitors.Tracking;
using Lookout.Workspaces.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lookout.Visitors.Leads;

internal static class LeadsApi
{
    public sealed record LeadView(string Id, string? Email, string? Name, string? Company, string? Phone, string? OwnerUserId, string? OwnerName, IReadOnlyList<string> Tags, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    public sealed record LeadVisitor(string SiteId, string VisitorId, IReadOnlyList<VisitRow> Visits, IReadOnlyList<PageViewRow> PageViews);

    public sealed record LeadDetail(LeadView Lead, IReadOnlyList<LeadVisitor> Visitors);

    public sealed record UpdateLeadRequest(string? OwnerUserId, IReadOnlyList<string?>? Tags);

    public static void MapLeadsApi(this RouteGroupBuilder group)
    {
        var leads = group.MapGroup("/leads");
        leads.MapGet("/", Search).WithName("SearchLeads").WithSummary("Search leads, a page at a time").RequireWorkspaceRole(WorkspaceRole.SalesRep);
        leads.MapGet("/{id}", Get).WithName("GetLead").WithSummary("Get a lead with its visits").RequireWorkspaceRole(WorkspaceRole.SalesRep);
        leads.MapPut("/{id}", Update).WithName("UpdateLead").WithSummary("Update a lead's details and owner").RequireWorkspaceRole(WorkspaceRole.Operator);
    }

    private static async Task<Results<Ok<Page<LeadView>>, ValidationProblem>> Search(
        string? search, [AsParameters] PageRequest page, WorkspaceScope scope, LeadStore store, IUserDirectory users, CancellationToken cancellationToken)
    {
        var errors = page.AddErrors(new FieldErrors()).Text("search", search, 200, required: false);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var (leads, total) = await store.PageAsync(scope.WorkspaceId, search, page, cancellationToken);
        var owners = await users.DisplayNamesAsync(scope.WorkspaceId, leads.Select(l => l.OwnerUserId).OfType<string>().Distinct(), cancellationToken);
        return TypedResults.Ok(page.Of(leads.Select(l => View(l, owners)).ToList(), total));
    }

    private static async Task<Results<Ok<LeadDetail>, NotFound>> Get(string id, WorkspaceScope scope, LeadStore store, IUserDirectory users, VisitorHistory history, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(scope.WorkspaceId, id, cancellationToken) is not { } lead)
        {
            return TypedResults.NotFound();
        }
        var owners = lead.OwnerUserId is null ? new Dictionary<string, string>() : await users.DisplayNamesAsync(scope.WorkspaceId, [lead.OwnerUserId], cancellationToken);
        var visitors = new List<LeadVisitor>();
        foreach (var (siteId, visitorId) in await store.VisitorsAsync(lead.Id, cancellationToken))
        {
            visitors.Add(new LeadVisitor(siteId, visitorId,
                await history.VisitsAsync(siteId, visitorId, cancellationToken),
                await history.PageViewsAsync(siteId, visitorId, 200, cancellationToken)));
        }
        return TypedResults.Ok(new LeadDetail(View(lead, owners), visitors));
    }

    private static async Task<Results<Ok<LeadView>, NotFound, ValidationProblem>> Update(
        string id, UpdateLeadRequest request, WorkspaceScope scope, LeadStore store, IUserDirectory users, IWorkspaceMembership membership, LiveVisitors live, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(scope.WorkspaceId, id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }
        var errors = new FieldErrors();
        if (request.Tags is null)
        {
            errors.Add("tags", "Required (an empty list removes every tag).");
        }
        if (request.OwnerUserId is { Length: > 0 } owner && await membership.FindRoleAsync(owner, scope.WorkspaceId, cancellationToken) is null)
        {
            errors.Add("ownerUserId", "Not a user of this workspace.");
        }
        var tags = new List<string>();
        for (var i = 0; i < (request.Tags?.Count ?? 0); i++)
        {
            var tag = request.Tags![i]?.Trim();
            if (string.IsNullOrEmpty(tag) || tag.Length > 50)
            {
                errors.Add($"tags[{i}]", "Tags have 1 to 50 characters.");
            }
            else if (DisplayText.Problem(tag) is { } problem)
            {
                errors.Add($"tags[{i}]", problem);
            }
            else if (!tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
            {
                tags.Add(tag);
            }
        }
        if (tags.Count > 30)
        {
            errors.Add("tags", "At most 30 tags.");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        await store.UpdateAsync(scope.WorkspaceId, id, string.IsNullOrEmpty(request.OwnerUserId) ? null : request.OwnerUserId, tags, cancellationToken);
        await live.ForgetLeadAsync(scope.WorkspaceId, id);
        var lead = (await store.FindAsync(scope.WorkspaceId, id, cancellationToken))!;
        var owners = lead.OwnerUserId is null ? new Dictionary<string, string>() : await users.DisplayNamesAsync(scope.WorkspaceId, [lead.OwnerUserId], cancellationToken);
        return TypedResults.Ok(View(lead, owners));
    }

    private static LeadView View(Lead lead, IReadOnlyDictionary<string, string> owners) =>
        new(lead.Id, lead.Email, lead.Name, lead.Company, lead.Phone, lead.OwnerUserId,
            lead.OwnerUserId is null ? null : owners.GetValueOrDefault(lead.OwnerUserId), lead.Tags, lead.CreatedAt, lead.UpdatedAt);
}
