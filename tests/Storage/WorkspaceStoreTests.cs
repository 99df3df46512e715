using System.Reflection;
using ChatBot.Storage;
using ChatBot.Storage.Conversations;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.Storage;

public class WorkspaceStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_workspace_from_the_store_changes_only_when_saved()
    {
        using var db = ChatBotDatabase.Open(TempPaths.NewDatabase());
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

        // What a fresh store (another process) reads from the file is the same.
        var fromFile = new WorkspaceStore(db).Get("w")!;
        Assert.Equal("09:00", fromFile.Settings["reminder"]);
        Assert.Equal(Now, fromFile.CreatedUtc);
    }

    [Fact]
    public void Touch_rewrites_last_seen_at_most_once_a_minute_and_revives_a_removed_workspace()
    {
        using var db = ChatBotDatabase.Open(TempPaths.NewDatabase());
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
