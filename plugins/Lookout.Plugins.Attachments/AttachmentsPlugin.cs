using Lookout.Plugins;
using Lookout.Plugins.Attachments;
using Lookout.Plugins.Attachments.Formats;
using Lookout.Plugins.Attachments.Templates;
using Microsoft.Extensions.DependencyInjection;

[assembly: LookoutPlugin(typeof(AttachmentsPlugin))]

namespace Lookout.Plugins.Attachments;

/// <summary>
/// The attachments plugin: Liquid templates rendered to csv, html, txt and json (see README.md) by the host's
/// <see cref="ILiquidTemplates"/>. Its limits can be set in <c>Plugins:attachments</c> (see <see cref="TemplateLimits.From"/>).
/// </summary>
public sealed class AttachmentsPlugin : ILookoutPlugin
{
    public void Register(IPluginRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var limits = TemplateLimits.From(registration.Configuration, "Plugins:attachments");
        registration.Services.AddSingleton(services => new TemplateEngine(services.GetRequiredService<ILiquidTemplates>(), limits));
        registration
            .AddAttachmentRenderer<CsvRenderer>()
            .AddAttachmentRenderer<HtmlRenderer>()
            .AddAttachmentRenderer<TextRenderer>()
            .AddAttachmentRenderer<JsonRenderer>();
    }
}
