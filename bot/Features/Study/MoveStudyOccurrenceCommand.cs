using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Cards.Help;
using ChatBot.Cards.Study;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Study;

namespace ChatBot.Bot.Features.Study;

/// <summary>
/// 调整学法 3 2026-04-03 2026-04-10 15:00 / move study …: moves one occurrence to another local date and time; the
/// series stays. The list's button first shows a small date/time card whose submit comes back here.
/// </summary>
internal sealed class MoveStudyOccurrenceCommand(StudyStore store) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["调整学法", "改期学法", "move study", "reschedule study"];
    public IReadOnlyList<string> Verbs => [StudyCards.MoveOccurrenceVerb];
    public IEnumerable<CommandHelp> Help => [new("学法", "Law study", "调整学法 编号 原日期 新日期 时间", "move study <no.> <date> <new date> <time>", "调整某一次学法活动的时间", "Move one occurrence", 23)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        if (await StudyOccurrenceArgs.ResolveAsync(ctx, store, args,
                "请写明编号、原日期和新时间,例如“调整学法 1 2026-04-03 2026-04-10 15:00”。",
                "Please give the number, the date and the new time, e.g. \"move study 1 2026-04-03 2026-04-10 15:00\".") is not { } found)
            return;
        var (session, occurrence, rest) = found;
        var when = StudyText.When(ctx.Lang, occurrence);
        if (occurrence.Cancelled || occurrence.StartUtc <= ctx.Now)
        {
            await ctx.SendTextAsync(occurrence.Cancelled
                ? ctx.T($"{when} 的“{session.Title}”已取消,不能调整。", $"\"{session.Title}\" on {when} is cancelled; it cannot be moved.")
                : ctx.T($"{when} 的“{session.Title}”已经开始或结束,不能再调整。", $"\"{session.Title}\" on {when} has already started; it can no longer be moved."));
            return;
        }

        string? newDateText, newTimeText;
        if (args.Data is not null)
        {
            newDateText = args.Field("newDate");
            newTimeText = args.Field("newTime");
            if (newDateText is null)
            {
                await ctx.SendCardAsync(StudyCards.MoveForm(ctx.Lang, occurrence));
                return;
            }
        }
        else
        {
            var parts = rest.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            newDateText = parts.ElementAtOrDefault(0);
            newTimeText = parts.ElementAtOrDefault(1);
        }

        if (newDateText is null || !Recognizers.TryParseDate(newDateText, ctx.Today, out var newDate))
        {
            await ctx.SendTextAsync(ctx.T("没看懂新的日期,请按“调整学法 1 2026-04-03 2026-04-10 15:00”的格式输入。",
                "I couldn't read the new date. Please write \"move study 1 2026-04-03 2026-04-10 15:00\"."));
            return;
        }
        var newTime = TimeOnly.FromDateTime(occurrence.LocalStart);
        if (!string.IsNullOrWhiteSpace(newTimeText) && !Recognizers.TryParseTime(newTimeText.Replace(" ", ""), out newTime))
        {
            await ctx.SendTextAsync(ctx.T("没看懂新的时间,请写成 15:00 或 下午3点。", "I couldn't read the new time. Please write it like 15:00 or 3pm."));
            return;
        }
        var newLocal = newDate.ToDateTime(newTime);
        if (StudySchedule.ToUtc(newLocal, ctx.TimeZone) <= ctx.Now)
        {
            await ctx.SendTextAsync(ctx.T("新的时间已经过去了,请选择以后的时间。", "The new time has already passed; please pick a later one."));
            return;
        }

        // Changed as stored now (another instance may have changed the session since it was read).
        var saved = store.Change(session.WorkspaceId, session.Id, s =>
        {
            var change = s.Changes.FirstOrDefault(c => c.Date == occurrence.Date);
            if (change is null) s.Changes.Add(change = new StudyOccurrenceChange { Date = occurrence.Date });
            // Moving back to the rule's own time is simply "not moved".
            change.MovedToLocal = newLocal == occurrence.Date.ToDateTime(s.Rule.Start) ? null : newLocal;
            if (change is { Cancelled: false, MovedToLocal: null }) s.Changes.Remove(change);
            s.UpdatedUtc = ctx.Now;
            return new AuditEntry
            {
                Action = "study.moveOccurrence", UserKey = ctx.UserKey, UserName = ctx.UserName, AtUtc = ctx.Now,
                Details = $"{occurrence.Date:yyyy-MM-dd}: {occurrence.LocalStart:yyyy-MM-dd HH:mm} -> {newLocal:yyyy-MM-dd HH:mm}",
            };
        }) ?? session;
        var moved = StudySchedule.OccurrenceOn(saved, occurrence.Date, ctx.TimeZone) ?? occurrence;
        if (ctx.CardId is not null)
            await ctx.CloseClickedCardAsync(new AdaptiveCard().Add(
                TextBlock.Heading(ctx.T("已调整学法时间", "Study session moved")),
                new FactSet().Add(ctx.T("主题", "Topic"), session.Title).Add(ctx.T("原时间", "Was"), when).Add(ctx.T("新时间", "Now"), StudyText.When(ctx.Lang, moved))));
        await ctx.SendTextAsync(ctx.T($"已将“{session.Title}”从 {when} 调整到 {StudyText.When(ctx.Lang, moved)},其余各次不变。",
            $"Moved \"{session.Title}\" from {when} to {StudyText.When(ctx.Lang, moved)}; the other sessions stay as they are."));
    }
}
