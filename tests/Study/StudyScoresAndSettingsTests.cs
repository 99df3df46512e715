using ChatBot.Storage.Conversations;
using ChatBot.Storage.Reminders;
using ChatBot.Storage.Study;
using ChatBot.Tests.Infrastructure;
using static ChatBot.Tests.Study.StudyTestKit;

namespace ChatBot.Tests.Study;

public class StudyScoresAndSettingsTests
{
    [Fact]
    public async Task Exam_scores_are_recorded_corrected_and_averaged_in_the_stats()
    {
        using var host = new BotHost();
        Task<string> Say(string text) => host.SendAsync(Activities.GroupMention(text)).ContinueWith(t => t.Result.AllText());
        await Say("安排学法");
        await host.SendAsync(GroupSubmit(Form("3月12日 15:00", "学法考试:行政复议法", "行政复议法", "Exam", expected: "王小明、李娜")));
        var id = Assert.Single(host.Service<StudyStore>().All()).Id;

        Assert.Contains("还没开始", await Say($"记录成绩 {id} 2026-03-12 王小明 95"));
        host.Clock.SetUtcNow(Local(3, 12, 17, 0));
        var bad = await Say($"记录成绩 {id} 2026-03-12 王小明 95、李娜 一百二");
        Assert.Contains("没看懂:李娜 一百二", bad);
        Assert.Contains("没有保存", bad);
        Assert.Empty(host.Service<StudyStore>().ScoresOf(host.Service<StudyStore>().All()[0].WorkspaceId));

        Assert.Contains("2人的成绩,平均90分", await Say($"记录成绩 {id} 2026-03-12 王小明 95、李娜 85"));
        Assert.Contains("1人的成绩,平均89分", await Say($"记录成绩 {id} 3月12日 李娜:89分"));  // a correction, not a third score
        var stats = await Say("学法统计");
        Assert.Contains("考试 1次", stats);
        Assert.Contains("03-12 学法考试:行政复议法 0/2(0%),考试2人平均92分", stats);
    }

    [Fact]
    public async Task Reminder_settings_are_shown_changed_and_used_by_the_source()
    {
        using var host = new BotHost();
        Task<string> Say(string text, string user = "user-1") => host.SendAsync(Activities.GroupMention(text, user)).ContinueWith(t => t.Result.AllText());
        Assert.Contains("前一天 16:00;开始前 60 分钟", await Say("学法提醒设置"));
        Assert.Contains("没看懂设置", await Say("学法提醒设置 傍晚 很久"));
        Assert.Contains("前一天 18:30;开始前 30 分钟", await Say("学法提醒设置 下午6点半 30分钟"));

        await Say("安排学法");
        await host.SendAsync(GroupSubmit(Form("每月第一个周五 15:00")));
        var id = Assert.Single(host.Service<StudyStore>().All()).Id;
        var outbox = new Dictionary<string, OutboxMessage>();
        Assert.Empty(await ScanAsync(host, outbox, Local(4, 2, 16, 0)));
        Assert.Equal($"study/{id}/2026-04-03/day-before", Assert.Single(await ScanAsync(host, outbox, Local(4, 2, 18, 30))).Key);
        Assert.Empty(await ScanAsync(host, outbox, Local(4, 3, 14, 0)));
        Assert.Equal($"study/{id}/2026-04-03/hour-before", Assert.Single(await ScanAsync(host, outbox, Local(4, 3, 14, 30))).Key);

        // With admins set, only they may change it.
        var workspaces = host.Service<WorkspaceStore>();
        var ws = workspaces.Get(host.Service<StudyStore>().All()[0].WorkspaceId)!;
        ws.Admins.Add("msteams:user-1");
        workspaces.Save(ws);
        Assert.Contains("只有本群的管理员", await Say("学法提醒设置 off off", "user-2"));
        Assert.Contains("前一天 不提醒;开始前 不提醒", await Say("学法提醒设置 off off", "user-1"));
        Assert.Empty(await ScanAsync(host, outbox, Local(5, 1, 14, 30)));
    }
}
