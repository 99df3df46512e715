using ChatBot.Storage.Conversations;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.Storage;

public class AuditLogTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 1, 0, 0, TimeSpan.Zero);

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void A_records_history_is_its_own_entries_oldest_first(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var log = new AuditLog(db);
        log.Write(new AuditEntry { RecordKey = "mediation_cases/1", WorkspaceId = "w", Action = "mediation.outcome", UserName = "李娜", Details = "Succeeded", AtUtc = Now.AddHours(2) });
        log.Write(new AuditEntry { RecordKey = "mediation_cases/2", WorkspaceId = "w", Action = "mediation.create", AtUtc = Now.AddHours(1) });
        log.Write(new AuditEntry { RecordKey = "mediation_cases/1", WorkspaceId = "w", Action = "mediation.create", UserKey = "msteams:u1", AtUtc = Now });

        var history = log.For("mediation_cases/1");

        Assert.Equal(["mediation.create", "mediation.outcome"], history.Select(h => h.Action));
        Assert.Equal("msteams:u1", history[0].UserKey);
        Assert.Equal(("李娜", "Succeeded", Now.AddHours(2)), (history[1].UserName, history[1].Details, history[1].AtUtc));
        Assert.All(history, h => Assert.NotNull(h.Id));
        Assert.Empty(log.For("mediation_cases/3"));
    }
}
