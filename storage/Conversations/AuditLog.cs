using ChatBot.Storage.Engine;
using LiteDB;

namespace ChatBot.Storage.Conversations;

public sealed class AuditLog(DocumentDatabase db)
{
    private DocumentCollection<AuditEntry> Entries => db.Collection<AuditEntry>(ChatBotDatabase.Audit);

    public void Write(AuditEntry entry) => Entries.Insert(entry);

    public IReadOnlyList<AuditEntry> For(string recordKey) =>
        Entries.Find(a => a.RecordKey == recordKey).OrderBy(a => a.AtUtc).ToList();
}
