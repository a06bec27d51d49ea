namespace Lookout.Plugins;

/// <summary>A file sent with a notification, already rendered.</summary>
/// <param name="FileName">The file's name as the recipient sees it (e.g. <c>visits.csv</c>); no path.</param>
/// <param name="ContentType">Its media type, e.g. <c>text/csv; charset=utf-8</c>.</param>
/// <param name="Content">Its bytes.</param>
public sealed record NotificationAttachment(string FileName, string ContentType, ReadOnlyMemory<byte> Content);
