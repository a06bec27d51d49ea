namespace Lookout.Contacts.Lists;

/// <summary>A named set of users, contacts and other lists, usable as one recipient.</summary>
internal sealed record DistributionList(string Id, string WorkspaceId, string Name, IReadOnlyList<ListMember> Members);

/// <summary>One member of a list: <see cref="Kind"/> is <c>user</c>, <c>contact</c> or <c>list</c>.</summary>
internal sealed record ListMember(string Kind, string Id)
{
    public const string User = "user";
    public const string Contact = "contact";
    public const string List = "list";

    public static readonly IReadOnlyList<string> Kinds = [User, Contact, List];
}

/// <summary>A list as other records point at it.</summary>
internal sealed record ListName(string Id, string Name);
