using System.Text;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Storage.PlanTasks;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.PlanTasks;

/// <summary>办结 with a clock that moves between two readings, as the real one does.</summary>
public class RunningClockTests
{
    private const string Group = "19:group-clock@thread.v2";
    private const string Ws = "msteams:tenant-1:19:group-clock@thread.v2";

    private static Activity Say(string text, string locale = "zh-CN") => Activities.GroupMention(text, conversation: Group, locale: locale);
    private static Activity Click(object value) => Activities.Submit(value, conversation: Group, conversationType: "groupChat");

    [Fact]
    public async Task A_task_just_closed_is_confirmed_not_refused_when_the_clock_moves()
    {
        await using var host = new BotHost(settings: new() { ["Reminders:Enabled"] = "false" },
            clock: new TickingClock(new DateTimeOffset(2026, 12, 3, 1, 0, 0, TimeSpan.Zero)));
        var csv = "计划,板块,任务,责任人,责任部门,完成时限\n"
            + "2026年计划,(一)学法,组织干部学法培训,张三,司法所,2026-12-20\n"
            + "2026年计划,(一)学法,执法公示,李四,司法所,2026-12-20\n"
            + "2026年计划,(一)学法,案卷评查,王五,司法所,2026-12-20\n";
        var import = Say("导入计划");
        import.Attachments = [new Attachment { ContentType = "text/csv", Name = "计划.csv", ContentUrl = "data:text/csv;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(csv)) }];
        await host.SendAsync(import);
        Assert.Contains("导入完成", (await host.SendAsync(Click(new { choice = "yes" }))).AllText());

        var inline = (await host.SendAsync(Say("办结 1 已完成培训42学时"))).AllText();
        Assert.Contains("✅ 任务 #1", inline);
        Assert.DoesNotContain("不能再修改", inline);

        await host.SendAsync(Say("办结 2"));
        var byCard = (await host.SendAsync(Click(new { taskId = 2, text = "公示材料已上墙并归档" }))).AllText();
        Assert.Contains("✅ 任务 #2", byCard);
        Assert.DoesNotContain("不能再修改", byCard);

        await host.SendAsync(Say("complete 3", "en-US"));
        var en = (await host.SendAsync(Say("All case files reviewed and archived", "en-US"))).AllText();
        Assert.Contains("✅ Task #3", en);

        Assert.All(host.Service<PlanTaskStore>().All(Ws), t => Assert.Equal(PlanTaskStatus.Done, t.Status));
        // Closing again is refused, and says so.
        Assert.Contains("不能再修改", (await host.SendAsync(Say("办结 1 再次办结试试看"))).AllText());
    }
}
