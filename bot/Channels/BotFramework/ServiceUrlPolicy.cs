using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Channels.BotFramework;

/// <summary>Which serviceUrls the bot may call: https to allow-listed hosts, or http to this machine.</summary>
internal sealed class ServiceUrlPolicy(IOptions<BotFrameworkOptions> options)
{
    public bool IsAllowed(Uri? uri)
    {
        if (uri is null || !uri.IsAbsoluteUri) return false;
        var loopback = uri.IsLoopback;
        if (uri.Scheme == Uri.UriSchemeHttp && !loopback) return false;
        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) return false;
        if (!string.IsNullOrEmpty(uri.UserInfo)) return false;
        // Runs twice per turn (inbound check, outbound handler): compared in place, without lower-cased copies.
        var host = uri.IdnHost.AsSpan().TrimEnd('.');
        foreach (var entry in options.Value.ServiceUrlHosts)
            if (Matches(host, entry.AsSpan().Trim())) return true;
        return loopback && options.Value.ServiceUrlHosts.Contains("localhost", StringComparer.OrdinalIgnoreCase);
    }

    private static bool Matches(ReadOnlySpan<char> host, ReadOnlySpan<char> entry)
    {
        const StringComparison ignoreCase = StringComparison.OrdinalIgnoreCase;
        if (entry.Length == 0) return false;
        if (entry.EndsWith(".*", StringComparison.Ordinal)) return host.StartsWith(entry[..^1], ignoreCase);
        return host.Equals(entry, ignoreCase)
               || (host.Length > entry.Length && host[host.Length - entry.Length - 1] == '.' && host.EndsWith(entry, ignoreCase));
    }
}
