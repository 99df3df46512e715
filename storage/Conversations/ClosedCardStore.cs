using ChatBot.Storage.Engine;
using LiteDB;

namespace ChatBot.Storage.Conversations;

/// <summary>The form cards that were submitted or cancelled, by workspace and card id.</summary>
public sealed class ClosedCardStore(DocumentDatabase db)
{
    public const string Saved = "saved";
    public const string Cancelled = "cancelled";

    private DocumentCollection<ClosedCard> Cards => db.Collection<ClosedCard>(ChatBotDatabase.ClosedCards);

    public ClosedCard? Find(string workspaceId, string cardId) => Cards.FindById(Key(workspaceId, cardId));

    /// <summary>Closes the card; one closed before (by any instance) keeps its first state.</summary>
    public void Close(string workspaceId, string cardId, string state, string? userKey, DateTimeOffset now) =>
        Cards.TryInsert(new ClosedCard { Id = Key(workspaceId, cardId), WorkspaceId = workspaceId, CardId = cardId, State = state, UserKey = userKey, ClosedUtc = now });

    /// <summary>Forgets cards closed before <paramref name="olderThan"/>; returns how many.</summary>
    public int Prune(DateTimeOffset olderThan) => Cards.DeleteMany(c => c.ClosedUtc < olderThan);

    private static string Key(string workspaceId, string cardId) => StorageKeys.Compact(workspaceId + "|" + cardId);
}
