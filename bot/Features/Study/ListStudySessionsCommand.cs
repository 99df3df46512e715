using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;
using ChatBot.Cards.Study;
using ChatBot.Storage.Study;

namespace ChatBot.Bot.Features.Study;

/// <summary>学法安排 / study sessions: the occurrences of the next 60 days, each with cancel and move buttons.</summary>
internal sealed class ListStudySessionsCommand(StudyStore store) : IBotCommand
{
    public const int Days = 60;

    public IReadOnlyList<string> Aliases => ["学法安排", "学法计划", "study sessions", "study list"];
    public IReadOnlyList<string> Verbs => ["study.list"];
    public IEnumerable<CommandHelp> Help => [new("学法", "Law study", "学法安排", "study sessions", "查看未来60天的学法活动,可取消或调整某一次", "Upcoming sessions (60 days); cancel or move one", 21)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        var occurrences = StudyCalendar.Between(store.InWorkspace(ctx.Workspace.Id), ctx.Now, ctx.Now.AddDays(Days), ctx.TimeZone);
        if (ctx.Capabilities.AdaptiveCards)
        {
            await ctx.SendCardAsync(StudyCards.Upcoming(ctx.Lang, occurrences, Days));
            return;
        }
        if (occurrences.Count == 0)
        {
            await ctx.SendTextAsync(ctx.T($"未来{Days}天暂无学法安排。输入“安排学法”新建。", $"No study sessions in the next {Days} days. Type \"schedule study\" to add one."));
            return;
        }
        var lines = new List<string> { ctx.T($"**未来{Days}天的学法安排**", $"**Study sessions in the next {Days} days**") };
        foreach (var o in occurrences)
        {
            var status = o.Cancelled ? ctx.T("(本次已取消)", " (cancelled)") : o.Moved ? ctx.T("(已调整)", " (moved)") : "";
            lines.Add($"- #{o.Session.Id} {o.Session.Title}{status}:{StudyText.When(ctx.Lang, o)} · {o.Session.Law}");
        }
        lines.Add(ctx.T("取消某一次:“取消学法 编号 日期”,例如“取消学法 1 2026-04-03”;调整:“调整学法 1 2026-04-03 2026-04-10 15:00”。",
            "Cancel one: \"cancel study 1 2026-04-03\"; move one: \"move study 1 2026-04-03 2026-04-10 15:00\"."));
        await ctx.SendTextAsync(string.Join("\n", lines));
    }
}
