using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;
using ChatBot.Cards.Study;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Study;

namespace ChatBot.Bot.Features.Study;

/// <summary>
/// 安排补考 3 2026-04-03 4月17日 15:00 / schedule make-up …: a one-off exam session for the exam's make-up list (failed
/// with sittings left, or absent), who are then reminded through the outbox (<see cref="StudyReminderSource"/>).
/// </summary>
internal sealed class ScheduleMakeUpCommand(StudyStore store, StudyLedgerReader ledger) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["安排补考", "schedule make-up", "schedule makeup"];
    public IEnumerable<CommandHelp> Help => [new("学法", "Law study", "安排补考 编号 考试日期 补考时间", "schedule make-up <no.> <exam date> <when>", "为补考名单安排补考并通知本人", "Schedule a make-up exam and notify those on the list", 32)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        const string usageZh = "请按“安排补考 编号 考试日期 补考时间”输入,例如“安排补考 3 2026-04-03 4月17日 15:00”。";
        const string usageEn = "Please write \"schedule make-up <no.> <exam date> <when>\", e.g. \"schedule make-up 3 2026-04-03 2026-04-17 15:00\".";
        if (!ctx.Workspace.IsAdmin(ctx.UserKey))
        {
            await ctx.SendTextAsync(ctx.T("抱歉,只有本群的管理员可以安排补考。", "Sorry, only this group's admins can schedule a make-up."));
            return;
        }
        if (await StudyOccurrenceArgs.ResolveAsync(ctx, store, args, usageZh, usageEn) is not { } found) return;
        var (exam, occurrence, when) = found;
        if (when.Trim().Length == 0)
        {
            await ctx.SendTextAsync(ctx.T(usageZh, usageEn));
            return;
        }
        if (StudySessionDraft.RuleError(ctx, when, out var rule) is { } error || rule!.Kind != StudyRuleKind.Once)
        {
            await ctx.SendTextAsync((StudySessionDraft.RuleError(ctx, when, out _) ?? ctx.T("补考是单次安排,请写具体日期。", "A make-up is a one-off; please give a date.")) + "\n" + ctx.T(usageZh, usageEn));
            return;
        }
        var names = ledger.Read(ctx, occurrence.Date.Year).MakeUpList()
            .Where(m => m.Exam.Session.Id == exam.Id && m.Exam.Date == occurrence.Date).Select(m => m.Name).ToList();
        if (names.Count == 0)
        {
            await ctx.SendTextAsync(ctx.T($"“{exam.Title}”({ctx.Lang.Date(occurrence.Date)})没有需要补考的人员。", $"Nobody needs a make-up of \"{exam.Title}\" ({occurrence.Date:yyyy-MM-dd})."));
            return;
        }
        var session = store.Create(new StudySession
        {
            WorkspaceId = ctx.Workspace.Id, Title = ctx.T("补考:", "Make-up: ") + exam.Title, Law = exam.Law, Format = StudyFormat.Exam,
            Presenter = exam.Presenter, Location = exam.Location, ExpectedParticipants = names, Rule = rule, RuleText = when.Trim(),
            MakeUpOfSessionId = exam.Id, MakeUpOfDate = occurrence.Date, SeriesStartUtc = ctx.Now, ConversationId = ctx.Activity.Conversation?.Id,
            CreatedBy = ctx.UserKey, CreatedByName = ctx.UserName.Length > 0 ? ctx.UserName : null, CreatedUtc = ctx.Now, UpdatedUtc = ctx.Now,
        }, new AuditEntry { Action = "study.makeUp", UserKey = ctx.UserKey, UserName = ctx.UserName, AtUtc = ctx.Now, Details = $"{exam.Id} {occurrence.Date:yyyy-MM-dd} → {when.Trim()}: {string.Join(", ", names)}" });
        var first = StudySchedule.Between(session, ctx.Now, ctx.Now.AddYears(1), ctx.TimeZone).First();
        await ctx.SendTextAsync(ctx.T($"已安排补考 #{session.Id}:{session.Title},{StudyText.When(ctx.Lang, first)}。补考人员:{string.Join("、", names)}。我会通知他们;成绩用“录入成绩 {session.Id} {first.Date:yyyy-MM-dd} 姓名 分数”录入,记为补考。",
            $"Make-up #{session.Id} scheduled: {session.Title}, {StudyText.When(ctx.Lang, first)}. To sit it: {string.Join(", ", names)}. I'll notify them; record scores with \"exam score {session.Id} {first.Date:yyyy-MM-dd} <name> <score>\" (counted as make-up sittings)."));
    }
}
