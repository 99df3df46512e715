using ChatBot.Storage.Engine;
using System.Security.Cryptography;
using LiteDB;

namespace ChatBot.Bot.Channels.WeCom.Cards;

internal sealed class WeComCardActionStore(DocumentDatabase db, TimeProvider clock)
{
    public const string Collection = ChatBot.Storage.ChatBotDatabase.WeComCardActions;
    /// <summary>A card button keeps working this long (app cards can be updated for 72 hours).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(3);

    private DocumentCollection<WeComCardActionRecord> Actions => db.Collection<WeComCardActionRecord>(Collection);

    /// <summary>A fresh id usable as a button key or task_id (letters and digits only).</summary>
    public static string NewKey(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));

    public void Save(IEnumerable<WeComCardActionRecord> actions)
    {
        var now = clock.GetUtcNow();
        var list = actions.ToList();
        foreach (var a in list) a.ExpiresUtc = now + Lifetime;
        if (list.Count > 0) db.InTransaction(() => { foreach (var a in list) Actions.Upsert(a); });
    }

    /// <summary>Removes the expired keys (they lead nowhere); run by <see cref="WeComHousekeeping"/>.</summary>
    public int PruneExpired(DateTimeOffset nowUtc) => Actions.DeleteMany(a => a.ExpiresUtc < nowUtc);

    /// <summary>The action behind a clicked key, if it exists, has not expired and belongs to that conversation.</summary>
    public WeComCardActionRecord? Find(string? key, string conversationId)
    {
        if (string.IsNullOrEmpty(key)) return null;
        var action = Actions.FindById(key);
        return action is not null && action.ExpiresUtc > clock.GetUtcNow() && action.ConversationId == conversationId ? action : null;
    }
}
