using ChatBot.Storage;
using ChatBot.Storage.Conversations;
using LiteDB;

namespace ChatBot.Benchmarks;

/// <summary>
/// Experiment only (load --autocommit, micro, litedb probe): dialog state written straight into LiteDB, one auto-commit
/// per save, to compare with the journal the bot uses (<see cref="JournaledDialogStateStore"/>).
/// </summary>
internal sealed class LiteDbDialogStateStore(LiteDatabase db) : IDialogStateStore
{
    private ILiteCollection<DialogStateRecord> States => db.GetCollection<DialogStateRecord>(ChatBotDatabase.DialogState);

    public DialogStateRecord? Load(string key) => States.FindById(key);

    public Task SaveAsync(DialogStateRecord record, CancellationToken ct = default)
    {
        States.Upsert(record);
        return Task.CompletedTask;
    }

    public void Delete(string key) => States.Delete(key);
}
