namespace ChatBot.Storage.Conversations;

/// <summary>Where each user's dialog stack in each conversation is kept between turns.</summary>
public interface IDialogStateStore
{
    DialogStateRecord? Load(string key);
    /// <summary>Durably saves the state; returns when it is committed.</summary>
    Task SaveAsync(DialogStateRecord record, CancellationToken ct = default);
    void Delete(string key);
}
