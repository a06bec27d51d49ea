namespace Lookout.Plugins.Attachments.Templates;

/// <summary>
/// Thrown from inside a render (the writer, a helper, the data) to stop it; the engine turns it into an
/// <see cref="AttachmentTemplateException"/> with the same message, whatever Handlebars wrapped it in.
/// </summary>
internal sealed class TemplateStoppedException(string message) : Exception(message);
