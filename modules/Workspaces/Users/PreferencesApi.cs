using Lookout.Kernel.Http;
using Lookout.Kernel.Tenancy;
using Lookout.Plugins;
using Lookout.Workspaces.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lookout.Workspaces.Users;

/// <summary>
/// The signed-in user's own preferences: the time zone their alerts show times in and how CSV files reach them. Users
/// are global (one login per email), so these hold in every workspace and need no workspace.
/// </summary>
internal static class PreferencesApi
{
    /// <summary>A CSV preference as a client sends it; what is left out takes the default.</summary>
    public sealed record CsvPreferenceRequest(string? Delimiter, bool? Header, string? DateFormat, string? Encoding);

    /// <summary>A null or blank <see cref="TimeZone"/> means "not chosen": times show in the site's. <see cref="Csv"/> is required; its left-out fields take the default.</summary>
    public sealed record PreferencesRequest(string? TimeZone, CsvPreferenceRequest? Csv);

    public sealed record PreferencesView(string? TimeZone, CsvPreference? Csv);

    public static void MapPreferencesApi(this RouteGroupBuilder group)
    {
        var me = group.MapGroup("/me").RequireAuthorization();
        me.MapGet("/preferences", Get).WithName("GetMyPreferences").WithSummary("Get the signed-in user's preferences");
        me.MapPut("/preferences", Put).WithName("UpdateMyPreferences").WithSummary("Update the signed-in user's preferences");
    }

    private static async Task<Ok<PreferencesView>> Get(UserStore store, HttpContext http, CancellationToken cancellationToken)
    {
        var preferences = await store.PreferencesAsync(WorkspaceScope.UserIdOf(http.User)!, cancellationToken);
        return TypedResults.Ok(new PreferencesView(preferences.TimeZone, preferences.Csv));
    }

    private static async Task<Results<Ok<PreferencesView>, ValidationProblem, UnauthorizedHttpResult>> Put(PreferencesRequest request, UserStore store, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var timeZone = string.IsNullOrWhiteSpace(request.TimeZone) ? null : request.TimeZone.Trim();
        if (timeZone is not null && !PreferenceRules.IsTimeZone(timeZone))
        {
            errors.Add("timeZone", "Not an IANA time zone id, e.g. Europe/Paris.");
        }
        CsvPreference? csv = null;
        if (request.Csv is { } given)
        {
            csv = PreferenceRules.ValidateCsv(errors, "csv.", given.Delimiter, given.Header, given.DateFormat, given.Encoding);
        }
        else
        {
            errors.Add("csv", "Required: how CSV files should reach you, e.g. {\"delimiter\": \";\"}; left-out fields take the default.");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var preferences = new UserPreferences(timeZone, csv);
        if (!await store.SavePreferencesAsync(WorkspaceScope.UserIdOf(http.User)!, preferences, cancellationToken))
        {
            return TypedResults.Unauthorized();
        }
        return TypedResults.Ok(new PreferencesView(preferences.TimeZone, preferences.Csv));
    }
}
