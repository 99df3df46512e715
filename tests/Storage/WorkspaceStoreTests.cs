using System.Reflection;
using ChatBot.Storage;
using ChatBot.Storage.Conversations;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.Storage;

public class WorkspaceStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 1, 0, 0, TimeSpan.Zero);

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void A_workspace_from_the_store_changes_only_when_saved(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new WorkspaceStore(db);
        store.Touch(new Workspace { Id = "w", Name = "A" }, Now);

        var first = store.Get("w")!;
        first.Settings["reminder"] = "09:00";
        first.Admins.Add("msteams:u1");
        first.Name = "changed but not saved";
        var again = store.Get("w")!;
        Assert.Equal("A", again.Name);
        Assert.Empty(again.Settings);
        Assert.Empty(again.Admins);

        store.Save(first);
        var saved = store.Touch(new Workspace { Id = "w" }, Now.AddSeconds(5));
        Assert.Equal("changed but not saved", saved.Name);
        Assert.Equal("09:00", saved.Settings["reminder"]);
        Assert.Equal(["msteams:u1"], saved.Admins);

        // What a fresh store (another process) reads from the database is the same.
        var fromFile = new WorkspaceStore(db).Get("w")!;
        Assert.Equal("09:00", fromFile.Settings["reminder"]);
        Assert.Equal(Now, fromFile.CreatedUtc);
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Touch_rewrites_last_seen_at_most_once_a_minute_and_revives_a_removed_workspace(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new WorkspaceStore(db);
        store.Touch(new Workspace { Id = "w" }, Now);
        Assert.Equal(Now, store.Touch(new Workspace { Id = "w" }, Now.AddSeconds(30)).LastSeenUtc);
        Assert.Equal(Now.AddMinutes(2), store.Touch(new Workspace { Id = "w" }, Now.AddMinutes(2)).LastSeenUtc);

        store.MarkRemoved("w");
        Assert.True(store.Get("w")!.Removed);
        Assert.DoesNotContain(store.All(), w => w.Id == "w");
        Assert.False(store.Touch(new Workspace { Id = "w" }, Now.AddMinutes(2)).Removed);
        Assert.False(new WorkspaceStore(db).Get("w")!.Removed);
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Admin_changes_are_saved_with_their_audit_entry(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new WorkspaceStore(db);
        store.Touch(new Workspace { Id = "w", Name = "东岭村" }, Now);
        Assert.True(store.Get("w")!.IsAdmin("msteams:anyone")); // no admins yet: everyone acts as one

        var changed = store.SetAdmins("w", ["msteams:u1", "msteams:u2", "msteams:u1"], new AuditEntry { Action = "workspace.admins", UserKey = "msteams:u1", AtUtc = Now });

        Assert.Equal(["msteams:u1", "msteams:u2"], changed.Admins);
        var reread = new WorkspaceStore(db).Get("w")!;
        Assert.Equal(["msteams:u1", "msteams:u2"], reread.Admins);
        Assert.False(reread.IsAdmin("msteams:anyone"));
        Assert.Equal("东岭村", reread.Name); // the rest of the workspace is kept
        var audit = Assert.Single(new AuditLog(db).For("workspaces/w"));
        Assert.Equal(("workspace.admins", "w"), (audit.Action, audit.WorkspaceId));
        Assert.Throws<InvalidOperationException>(() => store.SetAdmins("missing", ["msteams:u1"], new AuditEntry { AtUtc = Now }));
        Assert.Single(new AuditLog(db).For("workspaces/w"));
        Assert.Empty(new AuditLog(db).For("workspaces/missing"));
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Update_changes_the_stored_workspace_and_keeps_what_changed_since_the_caller_read_it(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new WorkspaceStore(db);
        store.Touch(new Workspace { Id = "w", Name = "东岭村" }, Now);
        var read = store.Get("w")!;
        store.SetAdmins("w", ["msteams:u1"], new AuditEntry { Action = "workspace.admins", AtUtc = Now }); // meanwhile

        var updated = store.Update(read, w => w.Settings["villages"] = "东岭村、西岭村");

        Assert.Equal(["msteams:u1"], updated.Admins);
        var stored = new WorkspaceStore(db).Get("w")!;
        Assert.Equal(["msteams:u1"], stored.Admins);
        Assert.Equal("东岭村、西岭村", stored.Settings["villages"]);

        // One not stored yet is saved with the change.
        var fresh = store.Update(new Workspace { Id = "new", Name = "南湖社区" }, w => w.WeComWebhookKey = "key-1");
        Assert.Equal(("南湖社区", "key-1"), (fresh.Name, fresh.WeComWebhookKey));
        Assert.Equal("key-1", new WorkspaceStore(db).Get("new")!.WeComWebhookKey);
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Members_are_listed_by_workspace_and_by_user_and_removed_with_their_workspace(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new WorkspaceStore(db);
        store.TouchMember("w1", "msteams:u1", "王小明", "aad-1", Now);
        store.TouchMember("w2", "msteams:u1", null, null, Now.AddHours(1));
        store.TouchMember("w1", "msteams:u2", "李娜", null, Now);

        Assert.Equal(["msteams:u1", "msteams:u2"], store.MembersOf("w1").Select(m => m.UserKey).Order());
        Assert.Equal(["w2", "w1"], store.WorkspacesOf("msteams:u1").Select(m => m.WorkspaceId)); // most recent first
        Assert.True(store.IsMember("w1", "msteams:u2"));
        Assert.False(store.IsMember("w2", "msteams:u2"));
        Assert.Equal("王小明", store.MemberName("w1", "msteams:u1"));
        Assert.Null(store.MemberName("w2", "msteams:u1"));

        Assert.Equal(2, store.RemoveMembers("w1"));
        Assert.Empty(store.MembersOf("w1"));
        Assert.False(store.IsMember("w1", "msteams:u1"));
        Assert.Equal(["w2"], store.WorkspacesOf("msteams:u1").Select(m => m.WorkspaceId));
        // Seen again after the removal (within the minute): a member again.
        store.TouchMember("w1", "msteams:u1", "王小明", null, Now.AddSeconds(10));
        Assert.True(new WorkspaceStore(db).IsMember("w1", "msteams:u1"));
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void A_name_the_user_gave_is_kept_by_turns_that_bring_none_and_replaced_by_one_that_does(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new WorkspaceStore(db);
        store.TouchMember("w", "webchat:u1", null, null, Now);
        Assert.Null(store.MemberName("w", "webchat:u1"));

        store.SetMemberName("w", "webchat:u1", "张三", Now.AddSeconds(1));
        store.TouchMember("w", "webchat:u1", null, null, Now.AddMinutes(5));
        Assert.Equal("张三", new WorkspaceStore(db).MemberName("w", "webchat:u1"));
        Assert.Equal(Now.AddMinutes(5), store.MembersOf("w").Single().LastSeenUtc);

        store.TouchMember("w", "webchat:u1", "张三丰", "aad-9", Now.AddMinutes(5).AddSeconds(1));
        var member = new WorkspaceStore(db).MembersOf("w").Single();
        Assert.Equal(("张三丰", "aad-9"), (member.Name, member.AadObjectId));
    }

    [Fact]
    public void On_one_PostgreSQL_database_an_instance_sees_the_admins_another_set_and_its_touch_keeps_them()
    {
        using var instances = new TwoPostgresInstances();
        var a = new WorkspaceStore(instances.A);
        var b = new WorkspaceStore(instances.B);
        b.Touch(new Workspace { Id = "w", Name = "东岭村" }, Now);
        Assert.True(b.Get("w")!.IsAdmin("msteams:u2")); // b has read it: an instance of its own would remember it

        a.SetAdmins("w", ["msteams:u1"], new AuditEntry { Action = "workspace.admins", AtUtc = Now });
        Assert.False(b.Get("w")!.IsAdmin("msteams:u2"));
        // b's next turn, two minutes later, rewrites last seen and the name: the admins a set stay.
        var touched = b.Touch(new Workspace { Id = "w", Name = "东岭村委会" }, Now.AddMinutes(2));
        Assert.Equal(["msteams:u1"], touched.Admins);
        var stored = a.Get("w")!;
        Assert.Equal(["msteams:u1"], stored.Admins);
        Assert.Equal(("东岭村委会", Now.AddMinutes(2)), (stored.Name, stored.LastSeenUtc));

        b.MarkRemoved("w");
        Assert.True(a.Get("w")!.Removed);
        Assert.Equal(["msteams:u1"], a.Get("w")!.Admins);
    }

    [Fact]
    public async Task Two_instances_seeing_a_new_group_at_once_make_one_workspace()
    {
        using var instances = new TwoPostgresInstances();
        var a = new WorkspaceStore(instances.A);
        var b = new WorkspaceStore(instances.B);
        var ids = Enumerable.Range(1, 20).Select(i => $"msteams:tenant:group-{i}").ToList();

        var touched = await TwoPostgresInstances.AllAtOnce(ids.SelectMany(id => new Func<Workspace>[]
        {
            () => a.Touch(new Workspace { Id = id, Name = "东岭村", IsGroup = true }, Now),
            () => b.Touch(new Workspace { Id = id, Name = "东岭村", IsGroup = true }, Now.AddSeconds(1)),
        }));

        Assert.All(touched, w => Assert.Equal(("东岭村", true), (w.Name, w.IsGroup)));
        Assert.Equal(ids.Order(), a.All().Select(w => w.Id).Order());
        // Each was made once: by whichever came first, at its time; the other found it.
        Assert.All(ids, id => Assert.Contains(a.Get(id)!.CreatedUtc, new[] { Now, Now.AddSeconds(1) }));
    }

    [Fact]
    public void The_copy_handed_out_carries_every_property()
    {
        // A property added to Workspace later must be added to the copy too, or the cache would silently drop it.
        var original = new Workspace();
        // Stored properties: the ones with a setter (computed ones such as HasAdmins follow from them).
        var stored = typeof(Workspace).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToList();
        foreach (var p in stored)
            p.SetValue(original, SampleValue(p.PropertyType, p.Name));
        var copy = WorkspaceStore.Copy(original);
        foreach (var p in stored)
        {
            var expected = p.GetValue(original);
            var actual = p.GetValue(copy);
            if (expected is System.Collections.IEnumerable e and not string)
            {
                Assert.Equal(e.Cast<object>(), ((System.Collections.IEnumerable)actual!).Cast<object>());
                Assert.NotSame(expected, actual);
            }
            else Assert.True(Equals(expected, actual), $"Workspace.{p.Name} is not copied");
        }
    }

    private static object SampleValue(Type t, string name) => t switch
    {
        _ when t == typeof(string) => "x-" + name,
        _ when t == typeof(bool) => true,
        _ when t == typeof(DateTimeOffset) => Now.AddMinutes(name.Length),
        _ when t == typeof(List<string>) => new List<string> { "a-" + name },
        _ when t == typeof(Dictionary<string, string>) => new Dictionary<string, string> { ["k"] = "v-" + name },
        _ => throw new InvalidOperationException($"Add a sample value for Workspace property {name} of type {t.Name}"),
    };
}
