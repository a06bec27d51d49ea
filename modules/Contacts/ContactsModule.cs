using Lookout.Contacts.Contacts;
using Lookout.Contacts.Contracts;
using Lookout.Contacts.Export;
using Lookout.Contacts.Import;
using Lookout.Contacts.Lists;
using Lookout.Contacts.Recipients;
using Lookout.Contacts.References;
using Lookout.Contacts.Transfer;
using Lookout.Kernel.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Contacts;

/// <summary>
/// Contacts (recipients who cannot log in), distribution lists, ad hoc recipients, CSV import and export, and the
/// <see cref="IRecipientResolver"/> every alert uses to turn "who should get this" into addresses.
/// </summary>
public sealed class ContactsModule : IModule
{
    public string Name => "contacts";

    public string Title => "Contacts";

    public IReadOnlyList<string> DependsOn => ["workspaces"];

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ContactsOptions>().Bind(configuration.GetSection(ContactsOptions.Section));
        services.AddSingleton<ContactStore>();
        services.AddSingleton<ListStore>();
        services.AddSingleton<ListRules>();
        services.AddSingleton<ListViews>();
        services.AddSingleton<RecipientReferenceCheck>();
        services.AddSingleton<IRecipientResolver, RecipientResolver>();
        services.AddSingleton<ImportUploads>();
        services.AddSingleton<ContactImport>();
    }

    public void MapEndpoints(RouteGroupBuilder group)
    {
        group.MapContactsApi();
        group.MapTransferApi();
        group.MapListsApi();
        group.MapImportApi();
        group.MapExportApi();
        group.MapRecipientsApi();
    }
}
