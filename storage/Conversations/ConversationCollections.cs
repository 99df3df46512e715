using LiteDB;

namespace ChatBot.Storage.Conversations;

/// <summary>
/// The collections every conversation uses (workspaces, members, references, dialog state, processed activities, the
/// audit), and the WeCom channel's, whose stores are in the bot project. Their names are constants of
/// <see cref="ChatBotDatabase"/>.
/// </summary>
public sealed class ConversationCollections : IOwnsCollections
{
    private ConversationCollections() { }

    public static IReadOnlyList<string> Collections =>
    [
        ChatBotDatabase.Workspaces, ChatBotDatabase.Members, ChatBotDatabase.ConversationReferences, ChatBotDatabase.DialogState,
        ChatBotDatabase.ProcessedActivities, ChatBotDatabase.Audit,
        ChatBotDatabase.WeComCardActions, ChatBotDatabase.WeComForms, ChatBotDatabase.WeComSettings, ChatBotDatabase.ClosedCards,
    ];

    public static void EnsureIndexes(LiteDatabase db)
    {
        db.GetCollection<WorkspaceMember>(ChatBotDatabase.Members).EnsureIndex(m => m.UserKey);
        db.GetCollection<WorkspaceMember>(ChatBotDatabase.Members).EnsureIndex(m => m.WorkspaceId);
        db.GetCollection<ProcessedActivity>(ChatBotDatabase.ProcessedActivities).EnsureIndex(p => p.SeenUtc);
        db.GetCollection<AuditEntry>(ChatBotDatabase.Audit).EnsureIndex(a => a.RecordKey);
    }
}
