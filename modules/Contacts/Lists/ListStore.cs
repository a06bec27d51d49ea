using System.Data.Common;
using Dapper;
using Lookout.Kernel.Storage;

namespace Lookout.Contacts.Lists;

/// <summary>Distribution lists and their members, always read and written inside one workspace.</summary>
internal sealed class ListStore(LookoutDatabase database, TimeProvider clock)
{
    public async Task<IReadOnlyList<DistributionList>> ListAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var lists = await connection.QueryAsync<ListName>(new CommandDefinition(
            "SELECT id AS Id, name AS Name FROM ct_lists WHERE workspace_id = @workspaceId ORDER BY LOWER(name), id",
            new { workspaceId }, cancellationToken: cancellationToken));
        var members = await MembersAsync(connection, workspaceId, null, cancellationToken);
        return lists.Select(l => new DistributionList(l.Id, workspaceId, l.Name, members[l.Id].ToList())).ToList();
    }

    public async Task<DistributionList?> FindAsync(string workspaceId, string id, CancellationToken cancellationToken) =>
        await FindManyAsync(workspaceId, [id], cancellationToken) is [var list] ? list : null;

    /// <summary>Those of <paramref name="ids"/> that are lists of the workspace, with their members.</summary>
    public async Task<IReadOnlyList<DistributionList>> FindManyAsync(string workspaceId, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var lists = (await connection.QueryAsync<ListName>(new CommandDefinition(
            $"SELECT id AS Id, name AS Name FROM ct_lists WHERE workspace_id = @workspaceId AND {database.AnyOf("id", "ids")}",
            new { workspaceId, ids = ids.Distinct().ToArray() }, cancellationToken: cancellationToken))).ToList();
        var members = await MembersAsync(connection, workspaceId, lists.Select(l => l.Id).ToArray(), cancellationToken);
        return lists.Select(l => new DistributionList(l.Id, workspaceId, l.Name, members[l.Id].ToList())).ToList();
    }

    /// <summary>The lists of the workspace that have <paramref name="kind"/> <paramref name="memberId"/> as a direct member.</summary>
    public async Task<IReadOnlyList<ListName>> ContainingAsync(string workspaceId, string kind, string memberId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ListName>(new CommandDefinition(
            """
            SELECT l.id AS Id, l.name AS Name FROM ct_list_members m JOIN ct_lists l ON l.id = m.list_id
            WHERE m.workspace_id = @workspaceId AND m.kind = @kind AND m.member_id = @memberId
            ORDER BY LOWER(l.name), l.id
            """,
            new { workspaceId, kind, memberId }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Every list-in-list membership of the workspace, by containing list: what a cycle check walks.</summary>
    public async Task<ILookup<string, string>> NestingAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string ListId, string MemberId)>(new CommandDefinition(
            "SELECT list_id, member_id FROM ct_list_members WHERE workspace_id = @workspaceId AND kind = 'list'",
            new { workspaceId }, cancellationToken: cancellationToken));
        return rows.ToLookup(r => r.ListId, r => r.MemberId, StringComparer.Ordinal);
    }

    public async Task<DistributionList> CreateAsync(string workspaceId, string name, IReadOnlyList<ListMember> members, CancellationToken cancellationToken)
    {
        var list = new DistributionList(Ids.New(), workspaceId, name, members);
        var at = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO ct_lists (id, workspace_id, name, created_at, updated_at) VALUES (@Id, @WorkspaceId, @Name, @at, @at)",
                new { list.Id, list.WorkspaceId, list.Name, at }, transaction, cancellationToken: cancellationToken));
            await InsertMembersAsync(connection, transaction, list, cancellationToken);
        }, cancellationToken);
        return list;
    }

    /// <summary>Renames the list and replaces its members; false when it is not in this workspace.</summary>
    public Task<bool> UpdateAsync(string workspaceId, string id, string name, IReadOnlyList<ListMember> members, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var changed = await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE ct_lists SET name = @name, updated_at = @at WHERE workspace_id = @workspaceId AND id = @id",
                new { workspaceId, id, name, at = clock.GetUtcNow().ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken));
            if (changed == 0)
            {
                return false;
            }
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM ct_list_members WHERE list_id = @id", new { id }, transaction, cancellationToken: cancellationToken));
            await InsertMembersAsync(connection, transaction, new DistributionList(id, workspaceId, name, members), cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>Deletes the list, its members and its place in other lists.</summary>
    public async Task<bool> DeleteAsync(string workspaceId, string id, CancellationToken cancellationToken) =>
        await database.WriteAsync(async (connection, transaction) =>
        {
            await RemoveMembershipsAsync(connection, transaction, workspaceId, ListMember.List, [id], cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM ct_list_members WHERE workspace_id = @workspaceId AND list_id = @id",
                new { workspaceId, id }, transaction, cancellationToken: cancellationToken));
            return await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM ct_lists WHERE workspace_id = @workspaceId AND id = @id",
                new { workspaceId, id }, transaction, cancellationToken: cancellationToken));
        }, cancellationToken) == 1;

    /// <summary>Takes <paramref name="kind"/> members <paramref name="memberIds"/> out of every list of the workspace, inside the caller's transaction.</summary>
    public Task RemoveMembershipsAsync(DbConnection connection, DbTransaction transaction, string workspaceId, string kind, IReadOnlyCollection<string> memberIds, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM ct_list_members WHERE workspace_id = @workspaceId AND kind = @kind AND {database.AnyOf("member_id", "memberIds")}",
            new { workspaceId, kind, memberIds = memberIds.ToArray() }, transaction, cancellationToken: cancellationToken));

    private static Task<int> InsertMembersAsync(DbConnection connection, DbTransaction transaction, DistributionList list, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO ct_list_members (list_id, workspace_id, position, kind, member_id) VALUES (@listId, @workspaceId, @position, @Kind, @Id)",
            list.Members.Select((m, i) => new { listId = list.Id, workspaceId = list.WorkspaceId, position = i, m.Kind, m.Id }).ToList(),
            transaction, cancellationToken: cancellationToken));

    private async Task<ILookup<string, ListMember>> MembersAsync(DbConnection connection, string workspaceId, string[]? listIds, CancellationToken cancellationToken)
    {
        var filter = listIds is null ? "" : $"AND {database.AnyOf("list_id", "listIds")}";
        var rows = await connection.QueryAsync<MemberRow>(new CommandDefinition(
            $"SELECT list_id AS ListId, kind AS Kind, member_id AS MemberId FROM ct_list_members WHERE workspace_id = @workspaceId {filter} ORDER BY list_id, position",
            new { workspaceId, listIds }, cancellationToken: cancellationToken));
        return rows.ToLookup(r => r.ListId, r => new ListMember(r.Kind, r.MemberId), StringComparer.Ordinal);
    }

    private sealed class MemberRow
    {
        public string ListId { get; set; } = "";
        public string Kind { get; set; } = "";
        public string MemberId { get; set; } = "";
    }
}
