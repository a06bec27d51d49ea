using Lookout.Contacts.Contacts;
using Lookout.Workspaces.Contracts;

namespace Lookout.Contacts.Lists;

/// <summary>A list as the admin SPA shows it: members with their names, in the order given.</summary>
internal sealed record ListView(string Id, string Name, IReadOnlyList<ListMemberView> Members, int MemberCount);

/// <summary>A member of a list; <see cref="Name"/> says when a user has left the workspace since.</summary>
internal sealed record ListMemberView(string Kind, string Id, string Name);

/// <summary>Puts names on list members: users from the Workspaces module, contacts and lists from this one.</summary>
internal sealed class ListViews(ContactStore contacts, ListStore lists, IUserDirectory users)
{
    public const string FormerMember = "(no longer a member of this workspace)";

    public async Task<IReadOnlyList<ListView>> ViewAsync(string workspaceId, IReadOnlyList<DistributionList> shown, CancellationToken cancellationToken)
    {
        var members = shown.SelectMany(l => l.Members).ToList();
        var userNames = members.Any(m => m.Kind == ListMember.User)
            ? (await users.MembersAsync(workspaceId, cancellationToken)).ToDictionary(u => u.Id, u => u.DisplayName, StringComparer.Ordinal)
            : [];
        var contactNames = (await contacts.FindManyAsync(workspaceId, IdsOf(members, ListMember.Contact), cancellationToken))
            .ToDictionary(c => c.Id, c => c.Name, StringComparer.Ordinal);
        var listNames = (await lists.FindManyAsync(workspaceId, IdsOf(members, ListMember.List), cancellationToken))
            .ToDictionary(l => l.Id, l => l.Name, StringComparer.Ordinal);
        return shown.Select(list => new ListView(
            list.Id,
            list.Name,
            list.Members.Select(m => new ListMemberView(m.Kind, m.Id, (m.Kind switch
            {
                ListMember.User => userNames,
                ListMember.Contact => contactNames,
                _ => listNames,
            }).GetValueOrDefault(m.Id, FormerMember))).ToList(),
            list.Members.Count)).ToList();
    }

    public async Task<ListView> ViewAsync(string workspaceId, DistributionList list, CancellationToken cancellationToken) =>
        (await ViewAsync(workspaceId, [list], cancellationToken))[0];

    private static string[] IdsOf(IEnumerable<ListMember> members, string kind) =>
        members.Where(m => m.Kind == kind).Select(m => m.Id).Distinct().ToArray();
}
