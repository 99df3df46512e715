using ChatBot.Storage.Conversations;
using ChatBot.Storage.Engine;
using ChatBot.Storage.PlanTasks;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.PlanTasks;

/// <summary>
/// PlanTaskStore's questions about many workspaces at once (what the reminder tick asks): a contract test, each on
/// LiteDB and on PostgreSQL.
/// </summary>
public class PlanTaskAcrossWorkspacesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 1, 0, 0, TimeSpan.Zero);
    private static readonly Actor Clerk = new("msteams:user-1", "王小明");

    private static PlanTaskDraft Draft(string title, DateOnly due) => new()
        { PlanYear = 2026, PlanTitle = "2026年法治政府建设工作要点", Section = "(一)制度建设", Title = title, Owners = ["张三"], Department = "司法所", DueDate = due };

    /// <summary>
    /// A: open tasks due 5, 9 (in progress, with a note) and 10 March, one done, one cancelled, a draft; B: open tasks
    /// due 8 and 12 March; C: one done task; D: a draft only; F: one task waiting for 验收; E: nothing.
    /// </summary>
    private static (DocumentDatabase Db, PlanTaskStore Store) Seeded(string provider)
    {
        var db = StorageProviders.Open(provider);
        var store = new PlanTaskStore(db, new AuditLog(db));
        store.Create("A", Draft("a-due-5", new(2026, 3, 5)), Clerk, Now);
        var a9 = store.Create("A", Draft("a-due-9", new(2026, 3, 9)), Clerk, Now)!;
        store.UpdateProgress("A", a9.Id, 40, "已起草", Clerk, Now);
        store.Create("A", Draft("a-due-10", new(2026, 3, 10)), Clerk, Now);
        var done = store.Create("A", Draft("a-done", new(2026, 3, 1)), Clerk, Now)!;
        store.Complete("A", done.Id, "已办结", Clerk, Now);
        var cancelled = store.Create("A", Draft("a-cancelled", new(2026, 3, 2)), Clerk, Now)!;
        store.Cancel("A", cancelled.Id, "不再需要", Clerk, Now);
        store.SaveDraft("A", Draft("a-draft", default), Clerk, Now);
        store.Create("B", Draft("b-due-8", new(2026, 3, 8)), Clerk, Now);
        store.Create("B", Draft("b-due-12", new(2026, 3, 12)), Clerk, Now);
        var cDone = store.Create("C", Draft("c-done", new(2026, 3, 1)), Clerk, Now)!;
        store.Complete("C", cDone.Id, "已办结", Clerk, Now);
        store.SaveDraft("D", Draft("d-draft", default), Clerk, Now);
        var pending = store.Create("F", Draft("f-pending", new(2026, 3, 3)), Clerk, Now)!;
        store.Complete("F", pending.Id, "请验收", Clerk, Now, needsAcceptance: true);
        return (db, store);
    }

    private static Dictionary<string, string[]> Titles(IReadOnlyDictionary<string, IReadOnlyList<PlanTask>> lists) =>
        lists.Where(kv => kv.Value.Count > 0).ToDictionary(kv => kv.Key, kv => kv.Value.Select(t => t.Title).ToArray());

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Open_tasks_due_before_a_day_of_every_workspace_by_due_date_without_notes(string provider)
    {
        var (db, store) = Seeded(provider);
        using var _ = db;
        var due = store.OpenDueBefore(new DateOnly(2026, 3, 10));
        // Due on the day itself is not before it; done, cancelled, 待验收 and drafts are not open.
        Assert.Equal(new Dictionary<string, string[]> { ["A"] = ["a-due-5", "a-due-9"], ["B"] = ["b-due-8"] }, Titles(due));
        Assert.All(due.Values.SelectMany(l => l), t => Assert.Empty(t.Notes));
        Assert.Equal(40, due["A"][1].Progress);
        Assert.Empty(store.OpenDueBefore(new DateOnly(2026, 3, 5)));
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Overdue_lists_of_many_workspaces_each_on_its_own_day(string provider)
    {
        var (db, store) = Seeded(provider);
        using var _ = db;
        // B is in a time zone where it is already 13 March: its task due the 12th is overdue there, while A's task due
        // on the 10th is not overdue in A, where it is the 10th.
        var overdue = store.Overdue(new Dictionary<string, DateOnly>
            { ["A"] = new(2026, 3, 10), ["B"] = new(2026, 3, 13), ["C"] = new(2026, 3, 10), ["E"] = new(2026, 3, 10) });
        Assert.Equal(["A", "B", "C", "E"], overdue.Keys.Order());
        Assert.Equal(new Dictionary<string, string[]> { ["A"] = ["a-due-5", "a-due-9"], ["B"] = ["b-due-8", "b-due-12"] }, Titles(overdue));
        // The same as asking workspace by workspace.
        Assert.Equal(store.Overdue("A", new(2026, 3, 10)).Select(t => t.Id), overdue["A"].Select(t => t.Id));
        Assert.Equal(store.Overdue("B", new(2026, 3, 13)).Select(t => t.Id), overdue["B"].Select(t => t.Id));
        Assert.Empty(store.Overdue(new Dictionary<string, DateOnly>()));
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Open_tasks_of_many_workspaces_at_once(string provider)
    {
        var (db, store) = Seeded(provider);
        using var _ = db;
        var open = store.Open(["A", "B", "C", "E"]);
        Assert.Equal(["A", "B", "C", "E"], open.Keys.Order());
        Assert.Equal(new Dictionary<string, string[]> { ["A"] = ["a-due-5", "a-due-9", "a-due-10"], ["B"] = ["b-due-8", "b-due-12"] }, Titles(open));
        Assert.Equal(store.Open("A").Select(t => t.Id), open["A"].Select(t => t.Id));
        Assert.Empty(store.Open(Array.Empty<string>()));
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Workspaces_with_a_task_the_digest_lists(string provider)
    {
        var (db, store) = Seeded(provider);
        using var _ = db;
        // A and B have open tasks, C a done one, F one waiting for 验收; D has only a draft and E nothing.
        Assert.Equal(["A", "B", "C", "F"], store.WithTasks(["A", "B", "C", "D", "E", "F"]).Order());
        Assert.Equal(["C"], store.WithTasks(["C", "D"]));
        Assert.Empty(store.WithTasks([]));
    }
}
