namespace ChatBot.Bot.Hosting;

/// <summary>
/// The address phones and browsers reach the bot at, for links it sends (WeCom web forms, Excel downloads): Bot:PublicBaseUrl
/// when set, else the current request's own scheme, host and path base, else the local development address.
/// </summary>
internal static class PublicBaseUrl
{
    /// <summary>Where the bot listens when run locally (launchSettings, the Web Chat page).</summary>
    public const string LocalFallback = "http://localhost:3978";

    /// <returns>The base URL without a trailing '/'.</returns>
    public static string For(string? configured, HttpRequest? request)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return configured.TrimEnd('/');
        if (request is { Host.HasValue: true }) return $"{request.Scheme}://{request.Host}{request.PathBase}";
        return LocalFallback;
    }
}
