using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Channels.DirectLine;

/// <summary>
/// The Direct Line conversations, in memory only: a restart ends them and the page simply starts a new one.
/// Bounded by count and idleness so an open port cannot grow memory without limit.
/// </summary>
internal sealed class DirectLineConversationStore(IOptions<DirectLineOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, DirectLineConversation> _byId = new();
    private readonly ConcurrentDictionary<string, DirectLineConversation> _byToken = new(StringComparer.Ordinal);
    private readonly object _createGate = new();

    public DirectLineOptions Options => options.Value;

    public DirectLineConversation Create()
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var conversation = new DirectLineConversation(RandomId(16), RandomId(32), now.AddSeconds(o.TokenLifetimeSeconds), o.MaxActivitiesPerConversation)
        {
            LastActive = now,
        };
        lock (_createGate)
        {
            EvictLocked(now, o);
            _byId[conversation.Id] = conversation;
            _byToken[conversation.Token] = conversation;
        }
        return conversation;
    }

    public DirectLineConversation? Find(string id) => _byId.TryGetValue(id, out var c) ? c : null;

    public DirectLineConversation? FindByToken(string token) => _byToken.TryGetValue(token, out var c) ? c : null;

    public int Count => _byId.Count;

    /// <summary>The open conversations of these users (a user who reloaded the page may have several).</summary>
    public IReadOnlyList<DirectLineConversation> OpenOf(IReadOnlySet<string> userIds) =>
        _byId.Values.Where(c => c.UserId is { } id && userIds.Contains(id) && !c.Ended.IsCancellationRequested && !IsExpired(c)).ToList();

    public bool IsExpired(DirectLineConversation conversation) => clock.GetUtcNow() >= conversation.TokenExpires;

    /// <summary>Extends the token's life (the client refreshes it every 15 minutes).</summary>
    public void Refresh(DirectLineConversation conversation) =>
        conversation.TokenExpires = clock.GetUtcNow().AddSeconds(options.Value.TokenLifetimeSeconds);

    private void EvictLocked(DateTimeOffset now, DirectLineOptions o)
    {
        var idle = TimeSpan.FromMinutes(o.IdleMinutes);
        foreach (var c in _byId.Values.Where(c => now - c.LastActive > idle).ToList()) RemoveLocked(c);
        var excess = _byId.Count - (o.MaxConversations - 1);
        if (excess <= 0) return;
        foreach (var c in _byId.Values.OrderBy(c => c.LastActive).Take(excess).ToList()) RemoveLocked(c);
    }

    private void RemoveLocked(DirectLineConversation c)
    {
        _byId.TryRemove(c.Id, out _);
        _byToken.TryRemove(c.Token, out _);
        c.End();
    }

    /// <summary>URL-safe random text; conversation ids and tokens cannot be guessed.</summary>
    private static string RandomId(int bytes) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
