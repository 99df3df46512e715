using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;
using ChatBot.Cards.Study;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Study;

namespace ChatBot.Bot.Features.Study;

/// <summary>取消学法 3 2026-04-03 / cancel study …, or the list's button: cancels one occurrence, the series stays.</summary>
internal sealed class CancelStudyOccurrenceCommand(StudyStore store) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["取消学法", "cancel study"];
    public IReadOnlyList<string> Verbs => [StudyCards.CancelOccurrenceVerb];
    public IEnumerable<CommandHelp> Help => [new("学法", "Law study", "取消学法 编号 日期", "cancel study <no.> <date>", "取消某一次学法活动(不影响以后各次)", "Cancel one occurrence (the series stays)", 22)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        if (await StudyOccurrenceArgs.ResolveAsync(ctx, store, args,
                "请写明编号和日期,例如“取消学法 1 2026-04-03”。编号见“学法安排”。",
                "Please give the number and date, e.g. \"cancel study 1 2026-04-03\". See \"study sessions\" for numbers.") is not { } found)
            return;
        var (session, occurrence, _) = found;
        var when = StudyText.When(ctx.Lang, occurrence);
        if (occurrence.Cancelled)
        {
            await ctx.SendTextAsync(ctx.T($"{when} 的“{session.Title}”已经取消过了。", $"\"{session.Title}\" on {when} was already cancelled."));
            return;
        }
        if (occurrence.StartUtc <= ctx.Now)
        {
            await ctx.SendTextAsync(ctx.T($"{when} 的“{session.Title}”已经开始或结束,不能再取消。", $"\"{session.Title}\" on {when} has already started; it can no longer be cancelled."));
            return;
        }
        // Changed as stored now (another instance may have changed the session since it was read).
        store.Change(session.WorkspaceId, session.Id, s =>
        {
            var change = s.Changes.FirstOrDefault(c => c.Date == occurrence.Date);
            if (change is null) s.Changes.Add(change = new StudyOccurrenceChange { Date = occurrence.Date });
            change.Cancelled = true;
            s.UpdatedUtc = ctx.Now;
            return new AuditEntry
            {
                Action = "study.cancelOccurrence", UserKey = ctx.UserKey, UserName = ctx.UserName, AtUtc = ctx.Now,
                Details = $"{occurrence.Date:yyyy-MM-dd} ({occurrence.LocalStart:yyyy-MM-dd HH:mm})",
            };
        });
        if (args.Data is not null)
        {
            var list = StudyCalendar.Between(store.InWorkspace(ctx.Workspace.Id), ctx.Now, ctx.Now.AddDays(ListStudySessionsCommand.Days), ctx.TimeZone);
            await ctx.UpdateClickedCardAsync(StudyCards.Upcoming(ctx.Lang, list, ListStudySessionsCommand.Days));
        }
        await ctx.SendTextAsync(ctx.T($"已取消 {when} 的“{session.Title}”,以后各次照常进行,这一次不再提醒。",
            $"Cancelled \"{session.Title}\" on {when}. The other sessions stay as they are; no reminder will be sent for this one."));
    }
}
