namespace Lookout.Workspaces.Sites;

/// <summary>A web origin (scheme, host, port) as browsers send it in the Origin header.</summary>
internal static class Origin
{
    /// <summary>Accepts <c>https://www.example.com</c> (a trailing slash is dropped); refuses paths, queries, user info and other schemes.</summary>
    public static bool TryNormalize(string? value, out string origin)
    {
        origin = "";
        if (string.IsNullOrWhiteSpace(value) || value.Length > 255)
        {
            return false;
        }
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return false;
        }
        origin = uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
        return true;
    }
}
