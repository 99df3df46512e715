using ChatBot.Storage.Conversations;
using ChatBot.Storage.Engine;

namespace ChatBot.Storage.Postgres;

/// <summary>
/// Dialog state on PostgreSQL: one row per user and conversation in <c>dialog_state</c>, written when the turn saves
/// it. The embedded store's journal (group commits into one file) is not needed: every instance reads the row each
/// turn, and PostgreSQL makes each write durable.
/// </summary>
public sealed class PostgresDialogStateStore(PostgresDocumentDatabase db) : IDialogStateStore
{
    private DocumentCollection<DialogStateRecord> States => db.Collection<DialogStateRecord>(ChatBotDatabase.DialogState);

    public DialogStateRecord? Load(string key) => States.FindById(key);

    public Task SaveAsync(DialogStateRecord record, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        States.Upsert(record);
        return Task.CompletedTask;
    }

    public void Delete(string key) => States.Delete(key);
}
