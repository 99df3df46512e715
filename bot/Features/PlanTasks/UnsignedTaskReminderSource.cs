using ChatBot.Bot.Conversation;
using ChatBot.Bot.Reminders;
using ChatBot.Bot.Reminders.Calendar;
using ChatBot.Cards.PlanTasks;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.PlanTasks;
using ChatBot.Storage.Reminders;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.PlanTasks;

/// <summary>
/// 签收 overdue (#24): open tasks assigned at least <see cref="PlanTaskOptions.AcknowledgeWithinWorkingDays"/> working
/// days ago (China's official calendar) and not signed for, listed once a working day in the group with the admins
/// @mentioned — key <c>ws/{ws}/unsigned/{yyyy-MM-dd}</c>, expiring at the end of the day.
/// </summary>
internal sealed class UnsignedTaskReminderSource(
    PlanTaskStore tasks,
    WorkspaceStore workspaces,
    OutboxStore outbox,
    WorkingCalendar calendar,
    IOptions<PlanTaskOptions> taskOptions,
    IOptions<ReminderOptions> reminderOptions) : IReminderSource
{
    public string Name => "plantasks.unsigned";

    public Task CollectAsync(DateTimeOffset nowUtc, Action<OutboxMessage> enqueue, CancellationToken ct)
    {
        foreach (var ws in workspaces.All())
        {
            ct.ThrowIfCancellationRequested();
            var schedule = new WorkspaceSchedule(ws, reminderOptions.Value, calendar);
            if (!schedule.IsReminderWindow(nowUtc)) continue;
            var today = schedule.Today(nowUtc);
            var unsigned = Unsigned(tasks.Open(ws.Id), schedule.TimeZone, today, taskOptions.Value.AcknowledgeWithinWorkingDays);
            if (unsigned.Count == 0) continue;
            var key = $"ws/{ws.Id}/unsigned/{today:yyyy-MM-dd}";
            if (outbox.Existing([key]).Count > 0) continue;
            var lang = TaskArgs.LangOf(ws);
            var people = ws.Admins.Distinct().Select(k => (k, workspaces.MemberName(ws.Id, k) ?? k)).ToList();
            var mentions = Mentions.ForKeys(ws, people);
            var adminsText = people.Count == 0 ? lang.T("各位管理员", "Admins") : string.Join("、", people.Select(p => mentions.TextFor(p.Item2)));
            var days = taskOptions.Value.AcknowledgeWithinWorkingDays;
            var card = SupervisionCards.NotAcknowledged(lang, unsigned, adminsText, days, today, taskOptions.Value.YellowDaysFor(ws));
            var text = lang.T($"{adminsText}:{unsigned.Count} 项任务超过 {days} 个工作日未签收。", $"{adminsText}: {unsigned.Count} task(s) not signed for within {days} working days.");
            var activity = TurnContext.CardActivity(card, text, mentions.Entities);
            activity.Locale = lang.Locale;
            enqueue(ReminderMessages.Create(key, ws.Id, "task.unsigned", activity, schedule.ToUtc(today, schedule.ReminderTime),
                text + "\n" + string.Join(" ", people.Select(p => mentions.MarkdownFor(p.Item2))), mentions.UserIds, schedule.EndOfDayUtc(today)));
        }
        return Task.CompletedTask;
    }

    /// <summary>The tasks assigned at least <paramref name="workingDays"/> working days before <paramref name="today"/> and not signed for.</summary>
    internal List<PlanTask> Unsigned(IEnumerable<PlanTask> open, TimeZoneInfo zone, DateOnly today, int workingDays) =>
        open.Where(t => t.HasSupervision && t.Supervision is { AssignedUtc: { } assigned, AcknowledgedUtc: null }
                && calendar.WorkingDaysBetween(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(assigned, zone).DateTime), today) >= workingDays)
            .ToList();
}
