using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Reminders;
using ChatBot.Bot.Reminders.Calendar;
using ChatBot.Cards;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Cards.PlanTasks;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.PlanTasks;
using ChatBot.Storage.Reminders;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.PlanTasks;

/// <summary>
/// The plan-task reminders, on working days (China's official calendar, <see cref="WorkingCalendar"/>: not on public
/// holidays, but on 调休 make-up Saturdays and Sundays) from the workspace's reminder time (default 09:00) outside quiet hours:
/// <list type="bullet">
/// <item>one overdue list per group per day, mentioning the owners — key <c>ws/{ws}/overdue/{yyyy-MM-dd}</c>
/// (one message listing everything is kinder to a group than one message per task);</item>
/// <item>an escalation per admin per day listing tasks at least N working days overdue, in the admin's personal chat when the
/// bot has one, else in the group with an @mention — key <c>ws/{ws}/escalate/{yyyy-MM-dd}/{adminKey}</c>;</item>
/// <item>on Mondays the progress digest of all tasks (每星期一公开进度) — key <c>ws/{ws}/digest/{yyyy}-W{ww}</c> (ISO week);
/// when Monday is a holiday, on the week's first working day, saying why; a week without working days has none.</item>
/// </list>
/// Each expires at the end of its local day, so a bot that was down all day does not post yesterday's list.
/// </summary>
internal sealed class TaskReminderSource(
    PlanTaskStore tasks,
    WorkspaceStore workspaces,
    ConversationReferenceStore references,
    OutboxStore outbox,
    IOptions<PlanTaskOptions> taskOptions,
    IOptions<ReminderOptions> reminderOptions,
    WorkingCalendar calendar,
    OwnerBindingStore bindings) : IReminderSource
{
    public string Name => "plantasks";

    public Task CollectAsync(DateTimeOffset nowUtc, Action<OutboxMessage> enqueue, CancellationToken ct)
    {
        // First the groups with something to send and the keys they would send under; then which of those keys the
        // outbox has, in one query (one read per key cost more than building the cards on a Monday); then the messages.
        // Forget old days' keys only between ticks: a key remembered now is not asked of the outbox below.
        if (_queued.Count >= MaxRememberedKeys) _queued.Clear();
        var open = new List<(Workspace Ws, WorkspaceSchedule Schedule, DateOnly Today, bool DigestDay)>();
        foreach (var ws in workspaces.All())
        {
            ct.ThrowIfCancellationRequested();
            var schedule = new WorkspaceSchedule(ws, reminderOptions.Value, calendar);
            if (!schedule.IsReminderWindow(nowUtc)) continue;
            var today = schedule.Today(nowUtc);
            open.Add((ws, schedule, today, IsDigestDay(calendar, today)));
        }
        // The overdue lists of all these groups, each on its own day, and (on a digest day) which groups have tasks to
        // list: from the lists in memory, or on a shared database in two queries for all of them, never one per group.
        var overdueOf = tasks.Overdue(open.ToDictionary(o => o.Ws.Id, o => o.Today, StringComparer.Ordinal));
        var digestDay = open.Where(o => o.DigestDay).ToList();
        var withTasks = tasks.WithTasks(digestDay.Select(o => o.Ws.Id));
        var candidates = new List<Candidate>();
        foreach (var (ws, schedule, today, isDigestDay) in open)
        {
            // The digest shows every task but the cancelled ones: the open, the 待验收 and the done.
            var digestKey = isDigestDay && withTasks.Contains(ws.Id) ? $"ws/{ws.Id}/digest/{ProgressDigestCommand.IsoWeek(today)}" : null;
            // A group with nothing overdue (and no digest due) has nothing to send: no outbox or member reads for it.
            var overdue = overdueOf[ws.Id];
            if (overdue.Count == 0 && digestKey is null) continue;
            candidates.Add(new Candidate(ws, schedule, today, overdue, digestKey));
        }
        var inOutbox = outbox.Existing(candidates.SelectMany(c => c.Keys()).Where(k => !_queued.ContainsKey(k)).ToList());
        foreach (var c in candidates)
        {
            ct.ThrowIfCancellationRequested();
            Collect(c, inOutbox, enqueue);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Loads every group's open list as far as today and its done list (what a tick reads first), whether or not its
    /// reminder window is open now: a restart at night otherwise leaves all of it to the 09:00 tick.
    /// </summary>
    public void WarmUp(DateTimeOffset nowUtc, CancellationToken ct)
    {
        var ids = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        foreach (var ws in workspaces.All())
        {
            ct.ThrowIfCancellationRequested();
            ids[ws.Id] = new WorkspaceSchedule(ws, reminderOptions.Value, calendar).Today(nowUtc);
        }
        tasks.Overdue(ids);
        tasks.WithTasks(ids.Keys);
    }

    /// <summary>A group in its reminder window with overdue tasks or a digest due.</summary>
    private sealed record Candidate(Workspace Ws, WorkspaceSchedule Schedule, DateOnly Today, IReadOnlyList<PlanTask> Overdue, string? DigestKey)
    {
        public string OverdueKey => $"ws/{Ws.Id}/overdue/{Today:yyyy-MM-dd}";

        public string EscalationKey(string admin) => $"ws/{Ws.Id}/escalate/{Today:yyyy-MM-dd}/{admin}";

        /// <summary>Every key this group may send under today (escalation keys even when nothing is late enough yet: a superset is harmless).</summary>
        public IEnumerable<string> Keys()
        {
            if (Overdue.Count > 0)
            {
                yield return OverdueKey;
                foreach (var admin in Ws.Admins.Distinct()) yield return EscalationKey(admin);
            }
            if (DigestKey is not null) yield return DigestKey;
        }
    }

    private void Collect(Candidate c, HashSet<string> inOutbox, Action<OutboxMessage> enqueue)
    {
        var (ws, schedule, today, overdue, digestKey) = c;
        var overdueKey = c.OverdueKey;
        var sendOverdue = overdue.Count > 0 && !IsQueued(overdueKey, inOutbox);
        var escalateAfter = taskOptions.Value.EscalateAfterDaysFor(ws);
        // Working days overdue: a task due before the 国庆 week is not "5 days late" on the first day back.
        var lateIfDueBy = calendar.LatestDayAtLeast(escalateAfter, today);
        var late = overdue.Where(t => t.DueDate <= lateIfDueBy).ToList();
        var escalations = late.Count == 0 ? [] : ws.Admins.Distinct()
            .Select(a => (Admin: a, Key: c.EscalationKey(a)))
            .Where(e => !IsQueued(e.Key, inOutbox)).ToList();
        var sendDigest = digestKey is not null && !IsQueued(digestKey, inOutbox);
        // Most ticks find everything of the day already queued.
        if (!sendOverdue && escalations.Count == 0 && !sendDigest) return;

        var due = schedule.ToUtc(today, schedule.ReminderTime);
        var expires = schedule.EndOfDayUtc(today);
        var lang = TaskArgs.LangOf(ws);
        var yellow = taskOptions.Value.YellowDaysFor(ws);
        var members = workspaces.MembersOf(ws.Id);
        var bound = bindings.Of(ws.Id);
        if (sendOverdue)
            enqueue(OverdueReminder(ws, lang, overdue, members, bound, today, yellow, overdueKey, due, expires));

        foreach (var (admin, key) in escalations)
            enqueue(Escalation(ws, lang, late, members, admin, escalateAfter, today, yellow, key, due, expires));

        if (sendDigest)
        {
            var all = tasks.Overview(ws.Id); // headers: only the tasks the card shows are read in full
            var unbound = Mentions.Unbound(tasks.Open(ws.Id).Concat(tasks.AwaitingAcceptance(ws.Id)), members, bound);
            var (card, text) = ProgressDigestCommand.Build(lang, all, overdue.Count, today, yellow, unbound);
            if (DigestDelayNote(lang, calendar, today) is { } note)
            {
                text = note + "\n" + text;
                card.Body.Insert(1, new TextBlock(note) { Wrap = true, IsSubtle = true, Size = "Small" });
            }
            var activity = CardActivity(card, text);
            activity.Locale = lang.Locale;
            enqueue(ReminderMessages.Create(digestKey!, ws.Id, "task.digest", activity, due, text, expiresUtc: expires));
        }
    }

    /// <summary>The week's first working day (Monday, unless it is a holiday): the day of the weekly digest.</summary>
    internal static bool IsDigestDay(WorkingCalendar calendar, DateOnly today)
    {
        if (!calendar.IsWorkingDay(today)) return false;
        for (var day = Monday(today); day < today; day = day.AddDays(1))
            if (calendar.IsWorkingDay(day)) return false;
        return true;
    }

    /// <summary>
    /// Why the digest comes today and not on Monday ("3月2日(周一)是春节假期,本周进度公开顺延至今天"), and that last week had
    /// none when it had no working day; null on an ordinary Monday.
    /// </summary>
    internal static string? DigestDelayNote(Lang lang, WorkingCalendar calendar, DateOnly today)
    {
        var notes = new List<string>();
        var lastMonday = Monday(today).AddDays(-7);
        if (Enumerable.Range(0, 7).All(i => !calendar.IsWorkingDay(lastMonday.AddDays(i))))
        {
            var name = calendar.Holiday(lastMonday.AddDays(3)) ?? calendar.Holiday(lastMonday);
            notes.Add(lang.T($"上周({lastMonday.Month}月{lastMonday.Day}日–{lastMonday.AddDays(6).Month}月{lastMonday.AddDays(6).Day}日)全周{(name is null ? "放假" : "为" + name.NameZh + "假期")},未发进度公开。",
                $"Last week ({En(lastMonday)} – {En(lastMonday.AddDays(6))}) was {(name is null ? "a holiday" : name.NameEn + " holiday")} throughout: there was no digest."));
        }
        var monday = Monday(today);
        if (today != monday)
        {
            var holiday = calendar.Holiday(monday);
            notes.Add(lang.T($"本周一({monday.Month}月{monday.Day}日){(holiday is null ? "不是工作日" : "是" + holiday.NameZh + "假期")},本周进度公开顺延至今天。",
                $"This Monday ({En(monday)}) was {(holiday is null ? "not a working day" : "a " + holiday.NameEn + " holiday")}, so this week's digest comes today."));
        }
        return notes.Count == 0 ? null : string.Join(" ", notes);
    }

    private static string En(DateOnly day) => day.ToString("MMM d", System.Globalization.CultureInfo.GetCultureInfo("en-US"));

    private static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    // Keys seen in the outbox. A queued key stays there (the outbox never deletes a message), so once seen it need
    // not be read again: the every-minute tick then costs no outbox reads. Only what the outbox showed is remembered,
    // never what this source offered, so "queued" keeps meaning exactly "the outbox has this key".
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _queued = new(StringComparer.Ordinal);
    private const int MaxRememberedKeys = 50_000; // then cleared before a tick: old days' keys; today's are read again once

    /// <param name="inOutbox">The keys the outbox had at the start of this tick (of those not remembered yet).</param>
    private bool IsQueued(string key, HashSet<string> inOutbox)
    {
        if (_queued.ContainsKey(key)) return true;
        if (!inOutbox.Contains(key)) return false;
        _queued.TryAdd(key, true);
        return true;
    }

    private static OutboxMessage OverdueReminder(Workspace ws, Lang lang, IReadOnlyList<PlanTask> overdue, IReadOnlyList<WorkspaceMember> members,
        IReadOnlyDictionary<string, OwnerBinding> bound, DateOnly today, int yellow, string key, DateTimeOffset due, DateTimeOffset expires)
    {
        var mentions = Mentions.For(ws, overdue, members, bound);
        var owners = OwnerNames(overdue);
        var names = owners.Select(n => mentions.TextFor(n)).ToList();
        var text = lang.T($"⏰ 逾期任务提醒:{overdue.Count} 项任务已超过完成时限。请 {string.Join(" ", names)} 尽快办理,并用“更新进度 编号”或“办结 编号”反馈。",
            $"⏰ Overdue tasks: {English.Count(overdue.Count, "task")} past the deadline. {string.Join(" ", names)}: please act and report with \"update task N\" or \"complete N\".");
        var card = PlanTaskCards.ByOwner(lang, lang.T("逾期任务提醒", "Overdue tasks"), overdue, today, yellow);
        var activity = CardActivity(card, text, mentions.Entities);
        activity.Locale = lang.Locale;
        var markdown = lang.T($"**逾期任务提醒**({overdue.Count} 项)\n", $"**Overdue tasks** ({overdue.Count})\n")
            + string.Join("\n", overdue.Take(30).Select(t => "> " + PlanTaskCards.Line(lang, t, today, yellow, withOwner: true)))
            + "\n" + string.Join(" ", owners.Select(n => mentions.MarkdownFor(n)));
        return ReminderMessages.Create(key, ws.Id, "task.overdue", activity, due, markdown, mentions.UserIds, expires);
    }

    private OutboxMessage Escalation(Workspace ws, Lang lang, IReadOnlyList<PlanTask> late, IReadOnlyList<WorkspaceMember> members, string adminKey,
        int days, DateOnly today, int yellow, string key, DateTimeOffset due, DateTimeOffset expires)
    {
        var personal = "personal:" + adminKey;
        var direct = references.Get(personal) is not null;
        var admin = members.FirstOrDefault(m => m.UserKey == adminKey);
        var adminName = admin?.Name ?? adminKey[(adminKey.IndexOf(':') + 1)..];
        var mentions = direct ? Mentions.None : Mentions.ForKeys(ws, [(adminKey, adminName)]);
        var who = direct ? "" : mentions.TextFor(adminName) + " ";
        var text = lang.T($"🚨 {who}督办提醒:{ws.Name ?? "本群"} 有 {late.Count} 项任务逾期已达 {days} 个工作日以上,请督促办理。",
            $"🚨 {who}Escalation: {English.Count(late.Count, "task")} in {ws.Name ?? "the group"} {(late.Count == 1 ? "is" : "are")} {days}+ working days overdue; please follow up.");
        var card = PlanTaskCards.ByOwner(lang, lang.T($"逾期 {days} 个工作日以上的任务", $"Tasks {days}+ working days overdue"), late, today, yellow);
        var activity = CardActivity(card, text, mentions.Entities);
        activity.Locale = lang.Locale;
        return ReminderMessages.Create(key, ws.Id, "task.escalate", activity, due, text + "\n" + mentions.MarkdownFor(adminName), mentions.UserIds, expires,
            direct ? personal : null);
    }

    /// <summary>
    /// <see cref="TurnContext.CardActivity"/> with the card serialised straight into the activity's JSON: the same JSON,
    /// without the JsonNode tree CardActivity builds (that tree cost as much as the rest of a first tick of the day).
    /// </summary>
    private static Activity CardActivity(AdaptiveCard card, string text, IEnumerable<Entity>? entities = null)
    {
        var activity = TurnContext.CardActivity(Placeholder, text, entities);
        activity.Attachments![0].Content = new CardContent(card);
        return activity;
    }

    private static readonly AdaptiveCard Placeholder = new();

    /// <summary>Each owner once, in order of first appearance; a task without owners counts its department.</summary>
    private static List<string> OwnerNames(IReadOnlyList<PlanTask> tasks)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var t in tasks)
        {
            if (t.Owners.Count == 0)
            {
                if (t.Department.Length > 0 && seen.Add(t.Department)) names.Add(t.Department);
                continue;
            }
            foreach (var owner in t.Owners)
                if (seen.Add(owner)) names.Add(owner);
        }
        return names;
    }
}
