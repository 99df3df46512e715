using ChatBot.Storage.Conversations;
using ChatBot.Storage.Engine;

namespace ChatBot.Storage.Postgres;

/// <summary>
/// Dialog state on a PostgreSQL database shared by several instances: one row per user and conversation in
/// <c>dialog_state</c>, read on every turn (the next turn of a conversation may run on another instance, so nothing is
/// kept in memory) and written with one upsert, committed before <see cref="SaveAsync"/> returns. The embedded
/// deployment keeps <see cref="JournaledDialogStateStore"/>, whose journal and cache assume one process.
/// </summary>
public sealed class PostgresDialogStateStore(PostgresDocumentDatabase db) : IDialogStateStore
{
    private DocumentCollection<DialogStateRecord> States => db.Collection<DialogStateRecord>(ChatBotDatabase.DialogState);

    public DialogStateRecord? Load(string key) => States.FindById(key);

    /// <summary>Writes the state; outside a transaction the upsert commits on its own, so it is durable when this returns.</summary>
    public Task SaveAsync(DialogStateRecord record, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        States.Upsert(record);
        return Task.CompletedTask;
    }

    public void Delete(string key) => States.Delete(key);
}
