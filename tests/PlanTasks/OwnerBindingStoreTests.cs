using ChatBot.Storage.Conversations;
using ChatBot.Storage.PlanTasks;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.PlanTasks;

/// <summary>OwnerBindingStore's contract, on LiteDB and on PostgreSQL.</summary>
public class OwnerBindingStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 1, 0, 0, TimeSpan.Zero);
    private static readonly Actor Admin = new("msteams:admin", "赵主任");

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void An_owner_name_is_bound_rebound_and_unbound_per_workspace_with_audit(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var audit = new AuditLog(db);
        var store = new OwnerBindingStore(db, audit);
        store.Bind("A", " 王书记 ", "msteams:user-1", "王明", Admin, Now);
        store.Bind("A", "赵队长", "msteams:user-2", null, Admin, Now);
        store.Bind("B", "王书记", "msteams:user-9", "王另", Admin, Now);
        Assert.Equal(["王书记", "赵队长"], store.Of("A").Keys.Order());
        Assert.Equal("msteams:user-1", store.Get("A", "王书记")!.UserKey);

        store.Bind("A", "王书记", "msteams:user-3", "王新", Admin, Now.AddMinutes(1)); // rebinding replaces
        Assert.Equal(("msteams:user-3", "王新"), (store.Of("A")["王书记"].UserKey, store.Of("A")["王书记"].UserName));
        Assert.Equal(2, store.Of("A").Count);
        Assert.Equal("msteams:user-9", store.Get("B", "王书记")!.UserKey);

        Assert.True(store.Unbind("A", "王书记", Admin, Now.AddMinutes(2)));
        Assert.False(store.Unbind("A", "王书记", Admin, Now.AddMinutes(3)));
        Assert.Null(store.Get("A", "王书记"));
        Assert.Equal(["赵队长"], store.Of("A").Keys);
        Assert.Equal(["task.owner.bind", "task.owner.bind", "task.owner.unbind"],
            audit.For($"{OwnerBindingStore.Collection}/A|王书记").Select(a => a.Action));
    }
}
