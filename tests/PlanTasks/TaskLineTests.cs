using ChatBot.Cards;
using ChatBot.Cards.PlanTasks;
using ChatBot.Storage.PlanTasks;

namespace ChatBot.Tests.PlanTasks;

/// <summary>The one-line form of a task that every list card and reminder shows, in both languages and every state.</summary>
public class TaskLineTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    private static PlanTask Task(int dueInDays, PlanTaskStatus status = PlanTaskStatus.InProgress, string[]? owners = null, string department = "") => new()
    {
        Id = 12, Title = "案卷评查", DueDate = Today.AddDays(dueInDays), Status = status, Progress = 30,
        Owners = (owners ?? ["张三"]).ToList(), Department = department,
    };

    public static TheoryData<string, PlanTask, bool, string> Lines => new()
    {
        { "zh-CN", Task(-5), false, "🔴 #12 案卷评查 · 截止3月5日(逾期5天)· 30%" },
        { "en-US", Task(-5), false, "🔴 #12 案卷评查 · due 2026-03-05(5 days overdue)· 30%" },
        { "zh-CN", Task(0), false, "🟡 #12 案卷评查 · 截止3月10日(今天到期)· 30%" },
        { "en-US", Task(0), false, "🟡 #12 案卷评查 · due 2026-03-10(due today)· 30%" },
        { "zh-CN", Task(2), false, "🟡 #12 案卷评查 · 截止3月12日(2天后到期)· 30%" },
        { "en-US", Task(2), false, "🟡 #12 案卷评查 · due 2026-03-12(due in 2 days)· 30%" },
        { "zh-CN", Task(20, PlanTaskStatus.NotStarted), false, "🟢 #12 案卷评查 · 截止3月30日(未开始)· 30%" },
        { "en-US", Task(20), false, "🟢 #12 案卷评查 · due 2026-03-30(In progress)· 30%" },
        { "zh-CN", Task(-5, PlanTaskStatus.Done), false, "✅ #12 案卷评查 · 截止3月5日(已办结)· 30%" },
        { "en-US", Task(-5, PlanTaskStatus.Cancelled), false, "✅ #12 案卷评查 · due 2026-03-05(Cancelled)· 30%" },
        { "zh-CN", Task(-1, owners: ["张三", "李四"], department: "司法所"), true, "🔴 #12 案卷评查 · 截止3月9日(逾期1天)· 30% · 张三、李四(司法所)" },
        { "zh-CN", Task(-1, owners: [], department: "司法所"), true, "🔴 #12 案卷评查 · 截止3月9日(逾期1天)· 30% · 司法所" },
        { "zh-CN", Task(-1, owners: [""], department: "司法所"), true, "🔴 #12 案卷评查 · 截止3月9日(逾期1天)· 30% · 司法所" },
        { "zh-CN", Task(-1, owners: []), true, "🔴 #12 案卷评查 · 截止3月9日(逾期1天)· 30% · 未指定" },
        { "en-US", Task(-1, owners: []), true, "🔴 #12 案卷评查 · due 2026-03-09(1 days overdue)· 30% · unassigned" },
        { "en-US", Task(-1), true, "🔴 #12 案卷评查 · due 2026-03-09(1 days overdue)· 30% · 张三" },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void A_task_line_reads_as_the_clerk_expects(string locale, PlanTask task, bool withOwner, string expected)
    {
        var lang = Lang.FromLocale(locale);
        Assert.Equal(expected, PlanTaskCards.Line(lang, task, Today, 3, withOwner));
        if (withOwner) Assert.EndsWith(" · " + PlanTaskCards.OwnersText(lang, task), expected);
    }
}
