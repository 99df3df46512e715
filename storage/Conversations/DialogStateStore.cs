using LiteDB;

namespace ChatBot.Storage.Conversations;

/// <summary>Where each user's dialog stack in each conversation is kept between turns.</summary>
public interface IDialogStateStore
{
    DialogStateRecord? Load(string key);
    /// <summary>Durably saves the state; returns when it is committed.</summary>
    Task SaveAsync(DialogStateRecord record, CancellationToken ct = default);
    void Delete(string key);
}

public sealed class LiteDbDialogStateStore(LiteDatabase db) : IDialogStateStore
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
