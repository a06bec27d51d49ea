using System.Text.Json.Serialization;
using Lookout.Contacts.Contracts;
using Lookout.Contacts.Lists;
using Lookout.Contacts.References;
using Lookout.Contacts.Storage;
using Lookout.Kernel.Http;
using Lookout.Kernel.Paging;
using Lookout.Kernel.Tenancy;
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
        contacts.MapGet("/", List).WithName("ListContacts").RequireWorkspaceRole(WorkspaceRole.SalesRep);
        contacts.MapGet("/{id}", Get).WithName("GetContact").RequireWorkspaceRole(WorkspaceRole.SalesRep);
        contacts.MapPost("/", Create).WithName("CreateContact").RequireWorkspaceRole(WorkspaceRole.Admin);
        contacts.MapPut("/{id}", Update).WithName("UpdateContact").RequireWorkspaceRole(WorkspaceRole.Admin);
        contacts.MapDelete("/{id}", Delete).WithName("DeleteContact").RequireWorkspaceRole(WorkspaceRole.Admin);
    }

    internal static ContactView View(Contact c) =>
        new(c.Id, c.Name, c.Email, c.Mobile, c.TimeZone, c.Csv, c.PreferredChannel, c.FallbackChannels, c.Notes, c.Tags, c.CreatedAt, c.UpdatedAt);

    private static async Task<Results<Ok<Page<ContactView>>, ValidationProblem>> List(
        string? search, [AsParameters] PageRequest page, WorkspaceScope scope, ContactStore store, HttpContext http)
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
        var (items, total) = await store.PageAsync(scope.WorkspaceId, search, page, http.RequestAborted);
        return TypedResults.Ok(page.Of(items.Select(View).ToList(), total));
    }

    private static async Task<Results<Ok<ContactView>, NotFound>> Get(
        string id, WorkspaceScope scope, ContactStore store, ListStore lists, RecipientReferenceCheck references, HttpContext http)
    {
        var cancellation = http.RequestAborted;
        if (await store.FindAsync(scope.WorkspaceId, id, cancellation) is not { } contact)
        {
            return TypedResults.NotFound();
        }
        var named = await references.FindAsync(scope.WorkspaceId, new RecipientTarget(RecipientKind.Contact, id), cancellation);
        return TypedResults.Ok(View(contact) with
        {
            Lists = await lists.ContainingAsync(scope.WorkspaceId, ListMember.Contact, id, cancellation),
            References = named,
        });
    }

    private static async Task<Results<Created<ContactView>, ValidationProblem>> Create(ContactRequest request, WorkspaceScope scope, ContactStore store, HttpContext http)
    {
        var draft = ContactRules.Validate(request, out var errors);
        if (draft?.Email is { } email && await store.EmailTakenAsync(scope.WorkspaceId, email, null, http.RequestAborted))
        {
            errors.Add("email", ContactRules.EmailTaken);
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        try
        {
            var contact = await store.CreateAsync(scope.WorkspaceId, draft!, http.RequestAborted);
            return TypedResults.Created($"/api/contacts/contacts/{contact.Id}", View(contact));
        }
        catch (DuplicateEmailException)
        {
            // Another request wrote a contact with this email after the check above.
            return FieldErrors.For("email", ContactRules.EmailTaken);
        }
    }

    private static async Task<Results<Ok<ContactView>, NotFound, ValidationProblem>> Update(
        string id, ContactRequest request, WorkspaceScope scope, ContactStore store, HttpContext http)
    {
        var cancellation = http.RequestAborted;
        if (await store.FindAsync(scope.WorkspaceId, id, cancellation) is null)
        {
            return TypedResults.NotFound();
        }
        var draft = ContactRules.Validate(request, out var errors);
        if (draft?.Email is { } email && await store.EmailTakenAsync(scope.WorkspaceId, email, id, cancellation))
        {
            errors.Add("email", ContactRules.EmailTaken);
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        try
        {
            if (!await store.UpdateAsync(scope.WorkspaceId, id, draft!, cancellation))
            {
                return TypedResults.NotFound();
            }
        }
        catch (DuplicateEmailException)
        {
            // Another request wrote a contact with this email after the check above.
            return FieldErrors.For("email", ContactRules.EmailTaken);
        }
        return TypedResults.Ok(View((await store.FindAsync(scope.WorkspaceId, id, cancellation))!));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(
        string id, bool? removeReferences, WorkspaceScope scope, ContactStore store, RecipientReferenceCheck references, HttpContext http)
    {
        var cancellation = http.RequestAborted;
        if (await store.FindAsync(scope.WorkspaceId, id, cancellation) is null)
        {
            return TypedResults.NotFound();
        }
        var target = new RecipientTarget(RecipientKind.Contact, id);
        var found = await references.FindAsync(scope.WorkspaceId, target, cancellation);
        if (found.Count > 0 && removeReferences != true)
        {
            return ReferencesProblem.For("contact", found);
        }
        await references.RemoveFromOtherModulesAsync(scope.WorkspaceId, target, cancellation);
        return await store.DeleteAsync(scope.WorkspaceId, id, cancellation) ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}
