using LiteDB;

namespace ChatBot.Storage.Conversations;

public sealed class AuditLog(LiteDatabase db)
{
    private ILiteCollection<AuditEntry> Entries => db.GetCollection<AuditEntry>(ChatBotDatabase.Audit);

    public void Write(AuditEntry entry) => Entries.Insert(entry);

    public IReadOnlyList<AuditEntry> For(string recordKey) =>
        Entries.Find(a => a.RecordKey == recordKey).OrderBy(a => a.AtUtc).ToList();
}
