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
        var inWindow = new List<(Workspace Ws, WorkspaceSchedule Schedule)>();
        foreach (var ws in workspaces.All())
        {
            var schedule = new WorkspaceSchedule(ws, reminderOptions.Value, calendar);
            if (schedule.IsReminderWindow(nowUtc)) inWindow.Add((ws, schedule));
        }
        // Every group's open tasks at once: from the lists in memory, or on a shared database in one query.
        var openOf = tasks.Open(inWindow.Select(w => w.Ws.Id));
        var due = new List<(Workspace Ws, WorkspaceSchedule Schedule, DateOnly Today, List<PlanTask> Unsigned, string Key)>();
        foreach (var (ws, schedule) in inWindow)
        {
            ct.ThrowIfCancellationRequested();
            var today = schedule.Today(nowUtc);
            var unsigned = Unsigned(openOf[ws.Id], schedule.TimeZone, today, taskOptions.Value.AcknowledgeWithinWorkingDays);
            if (unsigned.Count > 0) due.Add((ws, schedule, today, unsigned, $"ws/{ws.Id}/unsigned/{today:yyyy-MM-dd}"));
        }
        // Which of the day's lists the outbox has already, asked once for all groups.
        var queued = outbox.Existing(due.Select(d => d.Key).ToList());
        foreach (var (ws, schedule, today, unsigned, key) in due)
        {
            if (queued.Contains(key)) continue;
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
