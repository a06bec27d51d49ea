using System.Text.Json.Serialization;
using Lookout.Contacts.Contracts;
using Lookout.Contacts.Lists;
using Lookout.Contacts.References;
using Lookout.Kernel.Http;
using Lookout.Kernel.Paging;
using Lookout.Kernel.Tenancy;
using Lookout.Workspaces.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lookout.Contacts.Contacts;

internal static class ContactsApi
{
    /// <summary>
    /// A contact as the admin SPA shows it. <see cref="Lists"/> and <see cref="References"/> are there only when one
    /// contact is read: the lists that contain it and everything that names it as a recipient.
    /// </summary>
    public sealed record ContactView(
        string Id, string Name, string? Email, string? Mobile, string TimeZone, CsvPreference Csv, string PreferredChannel,
        IReadOnlyList<string> FallbackChannels, string Notes, IReadOnlyList<string> Tags, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
    {
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public IReadOnlyList<ListName>? Lists { get; init; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public IReadOnlyList<RecipientReference>? References { get; init; }
    }

    public static void MapContactsApi(this RouteGroupBuilder group)
    {
        var contacts = group.MapGroup("/contacts");
        contacts.MapGet("/", List).WithName("ListContacts").WithSummary("List contacts, a page at a time").RequireWorkspaceRole(WorkspaceRole.SalesRep);
        contacts.MapGet("/{id}", Get).WithName("GetContact").WithSummary("Get a contact").RequireWorkspaceRole(WorkspaceRole.SalesRep);
        contacts.MapPost("/", Create).WithName("CreateContact").WithSummary("Create a contact").RequireWorkspaceRole(WorkspaceRole.Admin);
        contacts.MapPut("/{id}", Update).WithName("UpdateContact").WithSummary("Update a contact").RequireWorkspaceRole(WorkspaceRole.Admin);
        contacts.MapDelete("/{id}", Delete).WithName("DeleteContact").WithSummary("Delete a contact that nothing refers to").RequireWorkspaceRole(WorkspaceRole.Admin);
    }

    internal static ContactView View(Contact c) =>
        new(c.Id, c.Name, c.Email, c.Mobile, c.TimeZone, c.Csv, c.PreferredChannel, c.FallbackChannels, c.Notes, c.Tags, c.CreatedAt, c.UpdatedAt);

    private static async Task<Results<Ok<Page<ContactView>>, ValidationProblem>> List(
        string? search, [AsParameters] PageRequest page, WorkspaceScope scope, ContactStore store, CancellationToken cancellationToken)
    {
        var errors = page.AddErrors(new FieldErrors());
        if (search is { Length: > 200 })
        {
            errors.Add("search", "At most 200 characters.");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var (items, total) = await store.PageAsync(scope.WorkspaceId, search, page, cancellationToken);
        return TypedResults.Ok(page.Of(items.Select(View).ToList(), total));
    }

    private static async Task<Results<Ok<ContactView>, NotFound>> Get(
        string id, WorkspaceScope scope, ContactStore store, ListStore lists, RecipientReferenceCheck references, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(scope.WorkspaceId, id, cancellationToken) is not { } contact)
        {
            return TypedResults.NotFound();
        }
        var named = await references.FindAsync(scope.WorkspaceId, new RecipientTarget(RecipientKind.Contact, id), cancellationToken);
        return TypedResults.Ok(View(contact) with
        {
            Lists = await lists.ContainingAsync(scope.WorkspaceId, ListMember.Contact, id, cancellationToken),
            References = named,
        });
    }

    private static async Task<Results<Created<ContactView>, ValidationProblem>> Create(
        ContactRequest request, WorkspaceScope scope, ContactStore store, IWorkspaceSettings settings, CancellationToken cancellationToken)
    {
        var region = (await settings.GetAsync(scope.WorkspaceId, cancellationToken)).DefaultPhoneRegion;
        var draft = ContactRules.Validate(request, region, out var errors);
        if (draft?.Email is { } email && await store.EmailTakenAsync(scope.WorkspaceId, email, null, cancellationToken))
        {
            errors.Add("email", ContactRules.EmailTaken);
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        try
        {
            var contact = await store.CreateAsync(scope.WorkspaceId, draft!, cancellationToken);
            return TypedResults.Created($"/api/contacts/contacts/{contact.Id}", View(contact));
        }
        catch (DuplicateEmailException)
        {
            // Another request wrote a contact with this email after the check above.
            return FieldErrors.For("email", ContactRules.EmailTaken);
        }
    }

    private static async Task<Results<Ok<ContactView>, NotFound, ValidationProblem>> Update(
        string id, ContactRequest request, WorkspaceScope scope, ContactStore store, IWorkspaceSettings settings, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(scope.WorkspaceId, id, cancellationToken) is not { } stored)
        {
            return TypedResults.NotFound();
        }
        var region = (await settings.GetAsync(scope.WorkspaceId, cancellationToken)).DefaultPhoneRegion;
        var draft = ContactRules.Validate(request, region, out var errors, stored.Mobile);
        if (draft?.Email is { } email && await store.EmailTakenAsync(scope.WorkspaceId, email, id, cancellationToken))
        {
            errors.Add("email", ContactRules.EmailTaken);
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        try
        {
            if (!await store.UpdateAsync(scope.WorkspaceId, id, draft!, cancellationToken))
            {
                return TypedResults.NotFound();
            }
        }
        catch (DuplicateEmailException)
        {
            // Another request wrote a contact with this email after the check above.
            return FieldErrors.For("email", ContactRules.EmailTaken);
        }
        return TypedResults.Ok(View((await store.FindAsync(scope.WorkspaceId, id, cancellationToken))!));
    }

    private static Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(
        string id, bool? removeReferences, WorkspaceScope scope, ContactStore store, RecipientReferenceCheck references, CancellationToken cancellationToken) =>
        references.DeleteAsync(
            scope.WorkspaceId, new RecipientTarget(RecipientKind.Contact, id), removeReferences == true,
            async ct => await store.FindAsync(scope.WorkspaceId, id, ct) is not null,
            ct => store.DeleteAsync(scope.WorkspaceId, id, ct), cancellationToken);
}
