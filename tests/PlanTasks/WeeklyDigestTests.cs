using ChatBot.Cards;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Cards.PlanTasks;
using ChatBot.Storage;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.PlanTasks;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.PlanTasks;

/// <summary>
/// The Monday digest (每星期一公开进度) is built from task headers and reads in full only the tasks it shows. Its
/// counts and rows must still be exactly those of every task: checked against the database with plain LINQ, for a
/// plan with several sections, more tasks than the card shows, and numbers that do not follow the due dates.
/// </summary>
public class WeeklyDigestTests
{
    private static readonly DateOnly Today = new(2026, 3, 9);
    private static readonly DateTimeOffset Now = new(2026, 3, 9, 1, 0, 0, TimeSpan.Zero);
    private const int YellowDays = 3;

    [Theory]
    [InlineData(7, 150)]  // more tasks than rows: the first sections fill the card
    [InlineData(11, 40)]  // fewer: every task is listed
    [InlineData(5, 400)]  // sections bigger than the card: only their first rows are picked and sorted
    public void The_digest_counts_every_task_and_lists_the_first_by_section_then_number(int seed, int count)
    {
        using var db = ChatBotDatabase.Open(TempPaths.NewDatabase());
        var rng = new Random(seed);
        // Every status but Draft (5): 待验收 (4) too.
        string[] sections = ["(二)规范执法", "(一)制度建设", "", "(三)普法宣传"];
        var tasks = Enumerable.Range(0, count).Select(i => new PlanTask
        {
            WorkspaceId = "ws", PlanYear = 2026, PlanTitle = "2026年依法行政工作计划", Section = sections[rng.Next(sections.Length)],
            Title = $"任务{i}", Owners = [$"责任人{rng.Next(5)}"], Department = "司法所", DueDate = Today.AddDays(rng.Next(-60, 60)),
            Status = (PlanTaskStatus)rng.Next(5), Progress = rng.Next(100), IdentityKey = $"ws|{i}", CreatedUtc = Now, UpdatedUtc = Now,
        }).ToList();
        new PlanTaskStore(db, new AuditLog(db)).BulkInsert(tasks);

        // A fresh store (a restart) that has decoded only the overdue tasks so far, as on a Monday's first tick.
        var store = new PlanTaskStore(db, new AuditLog(db));
        store.Overdue("ws", Today);
        var card = PlanTaskCards.Digest(Lang.Zh, "2026-W11", store.Overview("ws"), Today, YellowDays);

        var stored = db.GetCollection<PlanTask>(PlanTaskStore.Collection).FindAll().ToList();
        var listed = stored.Where(t => t.Status != PlanTaskStatus.Cancelled).ToList();
        var open = listed.Where(t => t.IsOpen).ToList();
        string[] expectedFacts =
        [
            listed.Count.ToString(),
            listed.Count(t => t.Status == PlanTaskStatus.Done).ToString(),
            listed.Count(t => t.Status == PlanTaskStatus.InProgress).ToString(),
            listed.Count(t => t.Status == PlanTaskStatus.NotStarted).ToString(),
            listed.Count(t => t.Status == PlanTaskStatus.PendingAcceptance).ToString(),
            open.Count(t => t.DueDate < Today).ToString(),
            open.Count(t => t.DueDate >= Today && t.DueDate <= Today.AddDays(YellowDays)).ToString(),
        ];
        Assert.Equal(expectedFacts, card.Body.OfType<FactSet>().Single().Facts.Select(f => f.Value));

        var expectedTexts = new List<string> { "工作计划进度公开(2026-W11)" };
        var rows = 0;
        foreach (var section in listed.GroupBy(t => t.Section).OrderBy(g => g.Min(t => t.Id)))
        {
            if (rows == PlanTaskCards.MaxRows) break;
            if (section.Key.Length > 0) expectedTexts.Add(section.Key);
            foreach (var t in section.OrderBy(t => t.Id).Take(PlanTaskCards.MaxRows - rows))
            {
                expectedTexts.Add(PlanTaskCards.Line(Lang.Zh, t, Today, YellowDays, withOwner: true));
                rows++;
            }
        }
        if (listed.Count > PlanTaskCards.MaxRows) expectedTexts.Add($"(仅显示前 {PlanTaskCards.MaxRows} 条)");
        expectedTexts.Add("输入“更新进度 编号”报告进展,“办结 编号”提交办结反馈。");
        Assert.Equal(expectedTexts, card.Body.OfType<TextBlock>().Select(b => b.Text));
        Assert.True(listed.Select(t => t.Section).Distinct().Count() > 2, "the data should exercise several sections");

        // The same card from the tasks in hand (the overview's other source).
        Assert.True(listed.Count(t => t.Status == PlanTaskStatus.PendingAcceptance) > 0, "the data should have tasks awaiting acceptance");
        var inDueOrder = listed.OrderBy(t => t.IsOpen ? 0 : t.Status == PlanTaskStatus.PendingAcceptance ? 1 : 2).ThenBy(t => t.DueDate).ThenBy(t => t.Id).ToList();
        Assert.Equal(card.ToJson(), PlanTaskCards.Digest(Lang.Zh, "2026-W11", TaskOverview.Of(inDueOrder), Today, YellowDays).ToJson());
    }

    [Theory]
    [InlineData(1, 500, 61)]
    [InlineData(2, 61, 61)]
    [InlineData(3, 62, 1)]
    [InlineData(4, 300, 300)]
    [InlineData(5, 1000, 7)]
    public void The_rows_of_a_big_section_are_its_smallest_keys_in_order(int seed, int length, int count)
    {
        var rng = new Random(seed);
        var keys = Enumerable.Range(0, length).Select(_ => (long)rng.Next(length / 3)).ToArray(); // with repeats
        var expected = keys.Order().Take(count).ToArray();
        Assert.Equal(expected, PlanTaskCards.SmallestSorted(keys, count).ToArray());
        Assert.Equal(expected.Length, count);
    }
}
