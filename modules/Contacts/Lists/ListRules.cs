using Lookout.Contacts.Contacts;
using Lookout.Kernel.Http;
using Lookout.Workspaces.Contracts;

namespace Lookout.Contacts.Lists;

/// <summary>A list as a client sends it.</summary>
internal sealed record ListRequest(string? Name, IReadOnlyList<ListMemberRequest?>? Members);

internal sealed record ListMemberRequest(string? Kind, string? Id);

/// <summary>
/// What a list may hold: known users, contacts and lists of the same workspace, and no list that contains, however
/// deeply, the list itself. Errors name the JSON field (<c>members[1].id</c>).
/// </summary>
internal sealed class ListRules(ListStore lists, ContactStore contacts, IUserDirectory users)
{
    public const int MaxNameLength = 200;
    public const int MaxMembers = 1000;

    /// <summary>The name and members, or null with <paramref name="errors"/>; <paramref name="listId"/> is the list being changed (null for a new one).</summary>
    public async Task<(string Name, IReadOnlyList<ListMember> Members)?> ValidateAsync(
        string workspaceId, string? listId, ListRequest request, FieldErrors errors, CancellationToken cancellationToken)
    {
        errors.DisplayText("name", request.Name, MaxNameLength);
        var given = request.Members ?? [];
        if (given.Count > MaxMembers)
        {
            errors.Add("members", $"At most {MaxMembers} members.");
            return null;
        }
        var wanted = new List<(int Index, ListMember Member)>();
        for (var i = 0; i < given.Count; i++)
        {
            var kind = given[i]?.Kind?.Trim();
            var id = given[i]?.Id?.Trim();
            if (kind is null || !ListMember.Kinds.Contains(kind))
            {
                errors.Add($"members[{i}].kind", "One of \"user\", \"contact\" or \"list\".");
            }
            else if (string.IsNullOrEmpty(id) || id.Length > 64)
            {
                errors.Add($"members[{i}].id", "Required.");
            }
            else
            {
                wanted.Add((i, new ListMember(kind, id)));
            }
        }
        var known = await KnownAsync(workspaceId, wanted.Select(w => w.Member).ToList(), cancellationToken);
        foreach (var (index, member) in wanted.Where(w => !known.Contains(w.Member)))
        {
            errors.Add($"members[{index}].id", $"No {member.Kind} with this id in this workspace.");
        }
        var members = wanted.Select(w => w.Member).Where(known.Contains).Distinct().ToList();
        if (listId is not null && await CycleAsync(workspaceId, listId, members, cancellationToken) is { } cycle)
        {
            errors.Add("members", cycle);
        }
        return errors.Any ? null : (request.Name!.Trim(), members);
    }

    private async Task<HashSet<ListMember>> KnownAsync(string workspaceId, IReadOnlyList<ListMember> members, CancellationToken cancellationToken)
    {
        var known = new HashSet<ListMember>();
        if (members.Any(m => m.Kind == ListMember.User))
        {
            known.UnionWith((await users.MembersAsync(workspaceId, cancellationToken)).Select(u => new ListMember(ListMember.User, u.Id)));
        }
        known.UnionWith((await contacts.FindManyAsync(workspaceId, IdsOf(members, ListMember.Contact), cancellationToken)).Select(c => new ListMember(ListMember.Contact, c.Id)));
        known.UnionWith((await lists.FindManyAsync(workspaceId, IdsOf(members, ListMember.List), cancellationToken)).Select(l => new ListMember(ListMember.List, l.Id)));
        return known;
    }

    /// <summary>Says which list would contain <paramref name="listId"/> again, or null when the members make no cycle.</summary>
    private async Task<string?> CycleAsync(string workspaceId, string listId, IReadOnlyList<ListMember> members, CancellationToken cancellationToken)
    {
        var nested = members.Where(m => m.Kind == ListMember.List).Select(m => m.Id).ToList();
        if (nested.Count == 0)
        {
            return null;
        }
        var all = await lists.ListAsync(workspaceId, cancellationToken);
        var names = all.ToDictionary(l => l.Id, l => l.Name, StringComparer.Ordinal);
        var nesting = await lists.NestingAsync(workspaceId, cancellationToken);
        foreach (var start in nested)
        {
            if (PathBack(start, listId, nesting) is { } path)
            {
                var chain = string.Join(" → ", path.Prepend(listId).Select(id => $"'{names.GetValueOrDefault(id, id)}'"));
                return path.Count == 1
                    ? $"A list cannot contain itself ({chain})."
                    : $"'{names[start]}' already contains this list, so it cannot be a member of it ({chain}).";
            }
        }
        return null;
    }

    /// <summary>The lists from <paramref name="from"/> down to <paramref name="target"/> through nested lists, or null when it is not inside.</summary>
    private static List<string>? PathBack(string from, string target, ILookup<string, string> nesting)
    {
        var previous = new Dictionary<string, string?>(StringComparer.Ordinal) { [from] = null };
        var queue = new Queue<string>([from]);
        while (queue.TryDequeue(out var current))
        {
            if (current == target)
            {
                var path = new List<string>();
                for (string? at = current; at is not null; at = previous[at])
                {
                    path.Insert(0, at);
                }
                return path;
            }
            // The target's own stored members are never followed: they are the ones being replaced.
            foreach (var next in nesting[current])
            {
                if (previous.TryAdd(next, current))
                {
                    queue.Enqueue(next);
                }
            }
        }
        return null;
    }

    private static string[] IdsOf(IEnumerable<ListMember> members, string kind) =>
        members.Where(m => m.Kind == kind).Select(m => m.Id).Distinct().ToArray();
}
