using Lookout.Contacts.Addresses;
using Lookout.Contacts.Contracts;
using Lookout.Kernel.Http;
using Lookout.Kernel.Text;
using Lookout.Workspaces.Contracts;

namespace Lookout.Contacts.Contacts;

/// <summary>A contact as a client sends it.</summary>
internal sealed record ContactRequest(
    string? Name,
    string? Email,
    string? Mobile,
    string? TimeZone,
    CsvPreferenceRequest? Csv,
    string? PreferredChannel,
    IReadOnlyList<string?>? FallbackChannels,
    string? Notes,
    IReadOnlyList<string?>? Tags);

/// <summary>A CSV preference as a client sends it; what is left out takes the default.</summary>
internal sealed record CsvPreferenceRequest(string? Delimiter, bool? Header, string? DateFormat, string? Encoding);

/// <summary>What a contact may hold; errors name the JSON field (<c>email</c>, <c>csv.delimiter</c>, <c>tags[2]</c>).</summary>
internal static class ContactRules
{
    public const int MaxNameLength = 200;
    public const int MaxNotesLength = 4000;
    public const int MaxTags = 20;
    public const int MaxTagLength = 50;
    public const string DefaultTimeZone = "Etc/UTC";
    public const string EmailTaken = "Another contact of this workspace has this email address.";

    /// <summary>
    /// The request as a draft, or null with <paramref name="errors"/> saying what is wrong. A mobile number without its
    /// country code is read in <paramref name="phoneRegion"/>, the workspace's default region (null: it has none).
    /// <paramref name="storedMobile"/>, the contact's mobile as stored, is kept as it is when sent back unchanged.
    /// </summary>
    public static ContactDraft? Validate(ContactRequest request, string? phoneRegion, out FieldErrors errors, string? storedMobile = null)
    {
        errors = new FieldErrors();
        errors.DisplayText("name", request.Name, MaxNameLength).DisplayText("notes", request.Notes, MaxNotesLength, required: false, multiline: true);
        var email = errors.Email("email", request.Email, required: false);
        string? mobile = null;
        if (storedMobile is not null && request.Mobile?.Trim() == storedMobile)
        {
            // Numbers stored before they were checked against numbering plans: editing the rest of the contact keeps them.
            mobile = storedMobile;
        }
        else if (!string.IsNullOrWhiteSpace(request.Mobile) && !PhoneNumber.TryNormalize(request.Mobile, phoneRegion, out mobile, out var mobileError))
        {
            errors.Add("mobile", mobileError);
        }
        if (string.IsNullOrWhiteSpace(request.Email) && string.IsNullOrWhiteSpace(request.Mobile))
        {
            errors.Add("email", "An email address or a mobile number is required.");
        }
        var timeZone = string.IsNullOrWhiteSpace(request.TimeZone) ? DefaultTimeZone : request.TimeZone.Trim();
        if (!PreferenceRules.IsTimeZone(timeZone))
        {
            errors.Add("timeZone", "Not an IANA time zone id, e.g. Europe/Paris.");
        }
        var csv = PreferenceRules.ValidateCsv(errors, "csv.", request.Csv?.Delimiter, request.Csv?.Header, request.Csv?.DateFormat, request.Csv?.Encoding);
        var preferred = string.IsNullOrWhiteSpace(request.PreferredChannel)
            ? (string.IsNullOrWhiteSpace(request.Email) && !string.IsNullOrWhiteSpace(request.Mobile) ? Channels.Sms : Channels.Email)
            : request.PreferredChannel.Trim();
        if (!Channels.All.Contains(preferred))
        {
            errors.Add("preferredChannel", "One of \"email\" or \"sms\".");
        }
        var fallbacks = new List<string>();
        for (var i = 0; i < (request.FallbackChannels?.Count ?? 0); i++)
        {
            var channel = request.FallbackChannels![i]?.Trim();
            if (channel is null || !Channels.All.Contains(channel))
            {
                errors.Add($"fallbackChannels[{i}]", "One of \"email\" or \"sms\".");
            }
            else if (channel == preferred || fallbacks.Contains(channel))
            {
                errors.Add($"fallbackChannels[{i}]", "Already the preferred channel or an earlier fallback.");
            }
            else
            {
                fallbacks.Add(channel);
            }
        }
        var tags = Tags(errors, request.Tags);
        if (errors.Any)
        {
            return null;
        }
        return new ContactDraft(request.Name!.Trim(), email, mobile, timeZone, CsvPreference.From(csv!), preferred, fallbacks, request.Notes?.Trim() ?? "", tags);
    }

    private static List<string> Tags(FieldErrors errors, IReadOnlyList<string?>? tags)
    {
        var result = new List<string>();
        if (tags is { Count: > MaxTags })
        {
            errors.Add("tags", $"At most {MaxTags} tags.");
            return result;
        }
        for (var i = 0; i < (tags?.Count ?? 0); i++)
        {
            var tag = tags![i]?.Trim();
            if (string.IsNullOrEmpty(tag) || tag.Length > MaxTagLength)
            {
                errors.Add($"tags[{i}]", $"Between 1 and {MaxTagLength} characters.");
            }
            else if (DisplayText.Problem(tag) is { } problem)
            {
                errors.Add($"tags[{i}]", problem);
            }
            else if (!result.Contains(tag, StringComparer.OrdinalIgnoreCase))
            {
                result.Add(tag);
            }
        }
        return result;
    }
}
