using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>
/// Generated files offered by a link for a limited time: GET /files/{token}. Tokens are 32 random bytes, bound to the
/// workspace they were made for, and forgotten after <see cref="Lifetime"/> (and on restart: files are kept in memory).
/// </summary>
internal sealed class MediationDownloads(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    private readonly ConcurrentDictionary<string, Entry> _files = new(StringComparer.Ordinal);

    public sealed record Entry(string WorkspaceId, string FileName, string ContentType, byte[] Content, DateTimeOffset ExpiresUtc);

    public string Add(string workspaceId, string fileName, string contentType, byte[] content)
    {
        RemoveExpired();
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _files[token] = new Entry(workspaceId, fileName, contentType, content, clock.GetUtcNow() + Lifetime);
        return token;
    }

    public Entry? Find(string token)
    {
        if (!_files.TryGetValue(token, out var entry)) return null;
        if (entry.ExpiresUtc > clock.GetUtcNow()) return entry;
        _files.TryRemove(token, out _);
        return null;
    }

    private void RemoveExpired()
    {
        var now = clock.GetUtcNow();
        foreach (var (token, entry) in _files)
            if (entry.ExpiresUtc <= now) _files.TryRemove(token, out _);
    }
}
