using Dapper;
using Lookout.Contacts.Contacts;
using Lookout.Contacts.Contracts;
using Lookout.Contacts.Lists;
using Lookout.Contacts.References;
using Lookout.Kernel.Http;
using Lookout.Kernel.Storage;
using Lookout.Kernel.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lookout.Contacts.Transfer;

/// <summary>
/// Copies or moves contacts to another workspace, for a caller who is Admin in both. A workspace the caller does not
/// belong to is answered 404, as if it did not exist. A contact whose email the target already has is left where it is.
/// </summary>
internal static class TransferApi
{
    public const int MaxContacts = 1000;

    public sealed record TransferRequest(IReadOnlyList<string?>? ContactIds, string? TargetWorkspaceId, bool? Move, bool? RemoveReferences);

    /// <summary>A contact now in the target workspace: the same id when moved, a new one when copied.</summary>
    public sealed record Transferred(string Id, string TargetId);

    public sealed record NotTransferred(string Id, string Reason);

    public sealed record TransferResult(IReadOnlyList<Transferred> Transferred, IReadOnlyList<NotTransferred> Skipped);

    public static void MapTransferApi(this RouteGroupBuilder group) =>
        group.MapPost("/contacts/transfer", Transfer).WithName("TransferContacts").WithSummary("Copy or move contacts to another workspace").RequireWorkspaceRole(WorkspaceRole.Admin);

    private static async Task<Results<Ok<TransferResult>, ValidationProblem, NotFound, ProblemHttpResult>> Transfer(
        TransferRequest request, WorkspaceScope scope, IWorkspaceMembership membership, ContactStore store, ListStore lists, RecipientReferenceCheck references,
        LookoutDatabase database, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Text("targetWorkspaceId", request.TargetWorkspaceId, 64);
        if (request.ContactIds is null || request.ContactIds.Count == 0)
        {
            errors.Add("contactIds", "Required: at least one contact.");
        }
        else if (request.ContactIds.Count > MaxContacts)
        {
            errors.Add("contactIds", $"At most {MaxContacts} contacts at a time.");
        }
        if (request.TargetWorkspaceId == scope.WorkspaceId)
        {
            errors.Add("targetWorkspaceId", "The contacts are already in this workspace.");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var target = request.TargetWorkspaceId!.Trim();
        var role = await membership.FindRoleAsync(scope.UserId, target, cancellationToken);
        if (role is null)
        {
            return TypedResults.NotFound();
        }
        if (role != WorkspaceRole.Admin)
        {
            return TypedResults.Problem(title: "This needs the Admin role in the target workspace.", statusCode: StatusCodes.Status403Forbidden);
        }

        var ids = request.ContactIds!.Select(id => id?.Trim() ?? "").ToList();
        var found = (await store.FindManyAsync(scope.WorkspaceId, ids.Where(id => id.Length is > 0 and <= 64).ToList(), cancellationToken)).ToDictionary(c => c.Id, StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            if (!found.ContainsKey(ids[i]))
            {
                errors.Add($"contactIds[{i}]", "No contact with this id in this workspace.");
            }
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var contacts = ids.Distinct(StringComparer.Ordinal).Select(id => found[id]).ToList();
        var move = request.Move == true;
        if (move && request.RemoveReferences != true)
        {
            var named = new List<RecipientReference>();
            foreach (var contact in contacts)
            {
                named.AddRange(await references.FindAsync(scope.WorkspaceId, new RecipientTarget(RecipientKind.Contact, contact.Id), cancellationToken));
            }
            if (named.Count > 0)
            {
                return ReferencesProblem.For("contact", named);
            }
        }

        var skipped = new List<NotTransferred>();
        var moving = new List<Contact>();
        foreach (var contact in contacts)
        {
            if (contact.Email is { } email && await store.FindByEmailAsync(target, email, cancellationToken) is not null)
            {
                skipped.Add(new NotTransferred(contact.Id, "The target workspace already has a contact with this email address."));
            }
            else
            {
                moving.Add(contact);
            }
        }
        if (move)
        {
            foreach (var contact in moving)
            {
                await references.RemoveFromOtherModulesAsync(scope.WorkspaceId, new RecipientTarget(RecipientKind.Contact, contact.Id), cancellationToken);
            }
        }
        List<Transferred> transferred;
        try
        {
            transferred = await store.WriteAsync(async (connection, transaction) =>
            {
                if (moving.Count == 0)
                {
                    return new List<Transferred>();
                }
                if (!move)
                {
                    var copies = moving.Select(c => (Source: c, Copy: store.New(target, Draft(c)))).ToList();
                    await store.InsertAsync(connection, transaction, copies.Select(c => c.Copy).ToList(), cancellationToken);
                    return copies.Select(c => new Transferred(c.Source.Id, c.Copy.Id)).ToList();
                }
                var movedIds = moving.Select(c => c.Id).ToArray();
                await lists.RemoveMembershipsAsync(connection, transaction, scope.WorkspaceId, ListMember.Contact, movedIds, cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(
                    $"UPDATE ct_contacts SET workspace_id = @target WHERE workspace_id = @source AND {database.AnyOf("id", "movedIds")}",
                    new { target, source = scope.WorkspaceId, movedIds }, transaction, cancellationToken: cancellationToken));
                return moving.Select(c => new Transferred(c.Id, c.Id)).ToList();
            }, cancellationToken);
        }
        catch (DuplicateEmailException)
        {
            return EmailConflict.Problem("Nothing was transferred; try again to skip the contacts the target workspace now has.");
        }
        return TypedResults.Ok(new TransferResult(transferred, skipped));
    }

    private static ContactDraft Draft(Contact c) => new(c.Name, c.Email, c.Mobile, c.TimeZone, c.Csv, c.PreferredChannel, c.FallbackChannels, c.Notes, c.Tags);
}
