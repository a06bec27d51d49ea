using Lookout.Contacts.Addresses;
using Lookout.Contacts.Contacts;
using Lookout.Contacts.Contracts;
using Lookout.Contacts.Lists;
using Lookout.Kernel.Tenancy;
using Lookout.Workspaces.Contracts;

namespace Lookout.Contacts.Recipients;

/// <inheritdoc cref="IRecipientResolver"/>
internal sealed class RecipientResolver(ContactStore contacts, ListStore lists, IUserDirectory users, ISiteDirectory sites, IWorkspaceSettings settings)
    : IRecipientResolver
{
    public async Task<RecipientResolution> ResolveAsync(string workspaceId, RecipientSpec spec, RecipientContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(context);
        var site = context.SiteId is null ? null : await sites.FindByIdAsync(context.SiteId, ct);
        if (site is not null && site.WorkspaceId != workspaceId)
        {
            site = null;
        }
        var resolution = new Resolution(
            (await users.MembersAsync(workspaceId, ct)).ToDictionary(u => u.Id, StringComparer.Ordinal),
            // Only for a user who has not chosen a time zone of their own: the site's, or UTC when the alert is about no site
            // (a workspace has no time zone of its own).
            site?.TimeZone ?? ContactRules.DefaultTimeZone);
        // Typed numbers without their country code are read in the workspace's region as it is when the alert goes out.
        var phoneRegion = spec.Entries.Any(e => e.Kind == RecipientKind.AdHoc) ? (await settings.GetAsync(workspaceId, ct)).DefaultPhoneRegion : null;

        foreach (var entry in spec.Entries)
        {
            switch (entry.Kind)
            {
                case RecipientKind.User:
                    resolution.AddUser(entry, entry.Id);
                    break;
                case RecipientKind.Me:
                    if (context.CurrentUserId is null)
                    {
                        resolution.Unreachable(entry, null, "There is no current user.");
                    }
                    else
                    {
                        resolution.AddUser(entry, context.CurrentUserId);
                    }
                    break;
                case RecipientKind.Contact:
                    if (entry.Id is not null && await contacts.FindAsync(workspaceId, entry.Id, ct) is { } contact)
                    {
                        resolution.AddContact(entry, contact, null);
                    }
                    else
                    {
                        resolution.Unreachable(entry, null, "No such contact in this workspace.");
                    }
                    break;
                case RecipientKind.List:
                    await AddListAsync(workspaceId, resolution, entry, ct);
                    break;
                case RecipientKind.LeadOwner:
                    AddLeadOwner(resolution, entry, context.LeadOwnerUserId, site);
                    break;
                case RecipientKind.AdHoc:
                    AddAdHoc(resolution, entry, phoneRegion);
                    break;
                default:
                    resolution.Unreachable(entry, null, $"Unknown kind of recipient: {entry.Kind}.");
                    break;
            }
        }
        return resolution.ToResult();
    }

    /// <summary>The list's members, then those of the lists inside it (each list once, whatever the nesting).</summary>
    private async Task AddListAsync(string workspaceId, Resolution resolution, RecipientEntry entry, CancellationToken ct)
    {
        if (entry.Id is null || await lists.FindAsync(workspaceId, entry.Id, ct) is not { } top)
        {
            resolution.Unreachable(entry, null, "No such list in this workspace.");
            return;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal) { top.Id };
        var level = new List<DistributionList> { top };
        while (level.Count > 0)
        {
            var members = level.SelectMany(list => list.Members.Select(member => (List: list, Member: member))).ToList();
            var found = (await contacts.FindManyAsync(workspaceId, members.Where(m => m.Member.Kind == ListMember.Contact).Select(m => m.Member.Id).ToList(), ct))
                .ToDictionary(c => c.Id, StringComparer.Ordinal);
            var nested = new List<string>();
            foreach (var (list, member) in members)
            {
                switch (member.Kind)
                {
                    case ListMember.User:
                        resolution.AddUser(entry, member.Id, list.Name);
                        break;
                    case ListMember.Contact when found.TryGetValue(member.Id, out var contact):
                        resolution.AddContact(entry, contact, list.Name);
                        break;
                    case ListMember.Contact:
                        resolution.Unreachable(entry, null, $"A contact of list '{list.Name}' no longer exists.");
                        break;
                    case ListMember.List when seen.Add(member.Id):
                        nested.Add(member.Id);
                        break;
                }
            }
            // Breadth first, in the order the lists name their members.
            level = (await lists.FindManyAsync(workspaceId, nested, ct)).OrderBy(l => nested.IndexOf(l.Id)).ToList();
        }
    }

    /// <summary>The lead's owner; else the site's default owner; else every admin of the workspace, saying so.</summary>
    private static void AddLeadOwner(Resolution resolution, RecipientEntry entry, string? ownerId, SiteInfo? site)
    {
        if (ownerId is not null && resolution.IsMember(ownerId))
        {
            resolution.AddUser(entry, ownerId);
            return;
        }
        var reason = ownerId is null ? "The lead has no owner." : "The lead's owner is not a member of this workspace.";
        if (site?.DefaultOwnerUserId is { } defaultOwner && resolution.IsMember(defaultOwner))
        {
            resolution.AddUser(entry, defaultOwner);
            resolution.Fallback = new OwnerFallback(OwnerFallback.SiteDefaultOwner, reason, [defaultOwner]);
            return;
        }
        var admins = resolution.Admins();
        reason += site is null ? " No site was given for a default owner." : " The site has no default owner.";
        if (admins.Count == 0)
        {
            resolution.Unreachable(entry, null, reason + " The workspace has no admin.");
            return;
        }
        foreach (var admin in admins)
        {
            resolution.AddUser(entry, admin);
        }
        resolution.Fallback = new OwnerFallback(OwnerFallback.WorkspaceAdmins, reason, admins);
    }

    private static void AddAdHoc(Resolution resolution, RecipientEntry entry, string? phoneRegion)
    {
        if (!AdHocRecipients.TryNormalize(entry.Value, phoneRegion, out var address, out var error))
        {
            resolution.Unreachable(entry, entry.Value, error!);
            return;
        }
        var channel = address!.StartsWith('+') ? Channels.Sms : Channels.Email;
        resolution.Add(entry, address, [new ChannelAddress(channel, address)], null, null, null, null);
    }

    /// <summary>Deliveries being gathered: one per person, merged whenever two share an email address or a phone number.</summary>
    /// <param name="userTimeZone">The time zone of users who chose none.</param>
    private sealed class Resolution(IReadOnlyDictionary<string, WorkspaceMember> members, string userTimeZone)
    {
        private readonly List<Delivery> _deliveries = [];
        private readonly Dictionary<string, Delivery> _byAddress = new(StringComparer.Ordinal);
        private readonly List<UnreachableRecipient> _unreachable = [];

        public OwnerFallback? Fallback { get; set; }

        public bool IsMember(string userId) => members.ContainsKey(userId);

        public List<string> Admins() =>
            members.Values.Where(m => m.Role == WorkspaceRole.Admin).OrderBy(m => m.DisplayName, StringComparer.Ordinal).ThenBy(m => m.Id, StringComparer.Ordinal).Select(m => m.Id).ToList();

        public void AddUser(RecipientEntry entry, string? userId, string? viaList = null)
        {
            if (userId is null || !members.TryGetValue(userId, out var user))
            {
                Unreachable(entry, null, viaList is null ? "Not a member of this workspace." : $"A user of list '{viaList}' is no longer a member of this workspace.");
                return;
            }
            // The user's own choices travel with the delivery; what they left unset falls back to the site's time zone
            // (see above) and the default CSV preference.
            // Users are also reachable by popup while they are online in the SPA: the popup channel takes "user:<id>".
            Add(entry, user.DisplayName, [new ChannelAddress(Channels.Email, user.Email), new ChannelAddress(Channels.Popup, $"user:{user.Id}")], user.TimeZone ?? userTimeZone,
                user.Csv is { } csv ? CsvPreference.From(csv) : CsvPreference.Default, user.Id, null);
        }

        public void AddContact(RecipientEntry entry, Contact contact, string? viaList)
        {
            var addresses = contact.AddressesInPreferredOrder();
            if (addresses.Count == 0)
            {
                var channels = string.Join(", ", contact.FallbackChannels.Prepend(contact.PreferredChannel));
                Unreachable(entry, contact.Name, $"Has no address for its channels ({channels}){(viaList is null ? "" : $", in list '{viaList}'")}.");
                return;
            }
            Add(entry, contact.Name, addresses, contact.TimeZone, contact.Csv, null, contact.Id);
        }

        public void Add(RecipientEntry entry, string name, IReadOnlyList<ChannelAddress> addresses, string? timeZone, CsvPreference? csv, string? userId, string? contactId)
        {
            var keys = addresses.Select(KeyOf).ToList();
            var delivery = keys.Select(k => _byAddress.GetValueOrDefault(k)).FirstOrDefault(d => d is not null);
            if (delivery is null)
            {
                delivery = new Delivery(keys[0], name, timeZone ?? userTimeZone, csv ?? CsvPreference.Default);
                _deliveries.Add(delivery);
            }
            // The first entry to name a person decides their name, time zone and CSV preference; later ones add addresses.
            foreach (var (address, key) in addresses.Zip(keys))
            {
                if (_byAddress.TryAdd(key, delivery))
                {
                    delivery.Addresses.Add(address);
                }
            }
            if (!delivery.From.Contains(entry))
            {
                delivery.From.Add(entry);
            }
            delivery.UserId ??= userId;
            delivery.ContactId ??= contactId;
        }

        public void Unreachable(RecipientEntry entry, string? name, string reason) => _unreachable.Add(new UnreachableRecipient(entry, name, reason));

        public RecipientResolution ToResult() => new(
            _deliveries.Select(d => new RecipientDelivery(d.Key, d.Name, d.Addresses, d.TimeZone, d.Csv, d.From, d.UserId, d.ContactId)).ToList(),
            _unreachable,
            Fallback);

        private static string KeyOf(ChannelAddress address) => address.Channel switch
        {
            Channels.Sms => $"phone:{address.Address}",
            Channels.Popup => $"popup:{address.Address}",
            _ => $"email:{address.Address.ToLowerInvariant()}",
        };
    }

    private sealed class Delivery(string key, string name, string timeZone, CsvPreference csv)
    {
        public string Key { get; } = key;
        public string Name { get; } = name;
        public string TimeZone { get; } = timeZone;
        public CsvPreference Csv { get; } = csv;
        public List<ChannelAddress> Addresses { get; } = [];
        public List<RecipientEntry> From { get; } = [];
        public string? UserId { get; set; }
        public string? ContactId { get; set; }
    }
}
