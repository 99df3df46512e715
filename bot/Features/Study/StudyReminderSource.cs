using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Reminders;
using ChatBot.Cards;
using ChatBot.Cards.Study;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Reminders;
using ChatBot.Storage.Study;

namespace ChatBot.Bot.Features.Study;

/// <summary>
/// Reminders of study sessions into the group where they were scheduled: the day before at a set time (default 16:00)
/// and shortly before the start (default 60 minutes), each a card with the sign-in button. Keys are
/// "study/{sessionId}/{local date}/day-before" and ".../hour-before", where the date is the day the occurrence takes
/// place (after a move), so moving one to another day reminds again and repeated scans add nothing.
/// </summary>
internal sealed class StudyReminderSource(StudyStore store, WorkspaceStore workspaces) : IReminderSource
{
    public const string Kind = "study.reminder";
    /// <summary>How far ahead a scan looks: beyond the earliest possible day-before reminder.</summary>
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(3);

    public string Name => "study";

    public Task CollectAsync(DateTimeOffset nowUtc, Action<OutboxMessage> enqueue, CancellationToken ct)
    {
        foreach (var group in store.All().GroupBy(s => s.WorkspaceId))
        {
            ct.ThrowIfCancellationRequested();
            var workspace = workspaces.Get(group.Key);
            if (workspace is null || workspace.Removed) continue;
            var zone = TimeZones.Find(workspace.TimeZone);
            var settings = StudyReminderSettings.From(workspace.Settings);
            var localToday = DateOnly.FromDateTime(StudySchedule.ToLocal(nowUtc, zone));
            foreach (var makeUp in group.Where(s => s.MakeUpOfSessionId is not null))
                if (MakeUpNotice(workspace, makeUp, nowUtc, zone) is { } notice) enqueue(notice);
            foreach (var o in StudyCalendar.Between(group, nowUtc, nowUtc + Horizon, zone))
            {
                if (o.Cancelled || o.StartUtc <= nowUtc) continue;
                var startDate = DateOnly.FromDateTime(o.LocalStart);
                DateTimeOffset? hourDue = settings.MinutesBefore is { } m ? o.StartUtc.AddMinutes(-m) : null;
                DateTimeOffset? dayDue = settings.DayBeforeAt is { } at ? StudySchedule.ToUtc(startDate.AddDays(-1).ToDateTime(at), zone) : null;

                // "Tomorrow" is only true before the day itself; once the hour-before one is due it replaces it.
                if (dayDue is { } d && d <= nowUtc && localToday < startDate && (hourDue is null || nowUtc < hourDue))
                    enqueue(Message(workspace, o, dayBefore: true, d, nowUtc));
                if (hourDue is { } h && h <= nowUtc)
                    enqueue(Message(workspace, o, dayBefore: false, h, nowUtc));
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>The sessions are kept in memory by the store after their first read: read them now, not at the first tick.</summary>
    public void WarmUp(DateTimeOffset nowUtc, CancellationToken ct) => store.All();

    /// <summary>
    /// A make-up exam: once, as soon as it is scheduled, the people on its list are told (@mentioned where the bot knows
    /// them) when and where. Key "study/{sessionId}/makeup-notice"; pointless once it has started.
    /// </summary>
    private OutboxMessage? MakeUpNotice(Workspace workspace, StudySession session, DateTimeOffset nowUtc, TimeZoneInfo zone)
    {
        var o = StudySchedule.Between(session, session.SeriesStartUtc, session.SeriesStartUtc.AddYears(1), zone).FirstOrDefault(x => !x.Cancelled);
        if (o is null || o.StartUtc <= nowUtc) return null;
        var lang = Lang.FromLocale(workspace.Locale);
        var members = workspaces.MembersOf(workspace.Id).Where(m => m.Name is not null).GroupBy(m => m.Name!).ToDictionary(g => g.Key, g => g.First().UserKey);
        var mentions = PlanTasks.Mentions.ForKeys(workspace, session.ExpectedParticipants.Where(members.ContainsKey).Select(n => (members[n], n)));
        var who = string.Join(" ", session.ExpectedParticipants.Select(mentions.TextFor));
        var text = lang.T($"{who}:请参加补考“{session.Title}”,时间 {StudyText.When(lang, o)}{(session.Location is { } l ? ",地点 " + l : "")}。",
            $"{who}: please sit the make-up \"{session.Title}\" on {StudyText.When(lang, o)}{(session.Location is { } l2 ? " at " + l2 : "")}.");
        var activity = new Activity { Type = ActivityTypes.Message, Text = text, Locale = lang.Locale, Entities = mentions.Entities.Count > 0 ? mentions.Entities : null };
        var markdown = lang.T($"请参加补考“{session.Title}”,时间 {StudyText.When(lang, o)}:", $"Please sit the make-up \"{session.Title}\" on {StudyText.When(lang, o)}: ")
            + string.Join(" ", session.ExpectedParticipants.Select(mentions.MarkdownFor));
        return ReminderMessages.Create($"study/{session.Id}/makeup-notice", workspace.Id, "study.makeUp", activity, session.CreatedUtc, markdown, mentions.UserIds, o.StartUtc);
    }

    public static string KeyOf(StudyOccurrence o, bool dayBefore) =>
        $"study/{o.Session.Id}/{DateOnly.FromDateTime(o.LocalStart):yyyy-MM-dd}/{(dayBefore ? "day-before" : "hour-before")}";

    private static OutboxMessage Message(Workspace workspace, StudyOccurrence o, bool dayBefore, DateTimeOffset due, DateTimeOffset nowUtc)
    {
        var lang = Lang.FromLocale(workspace.Locale);
        var activity = TurnContext.CardActivity(StudyCards.Reminder(lang, o, dayBefore),
            lang.T($"学法提醒:{o.Session.Title},{StudyText.When(lang, o)}", $"Study reminder: {o.Session.Title}, {StudyText.When(lang, o)}"));
        activity.Locale = lang.Locale;
        return new OutboxMessage
        {
            Key = KeyOf(o, dayBefore),
            WorkspaceId = workspace.Id,
            Kind = Kind,
            ActivityUtf8 = JsonSerializer.SerializeToUtf8Bytes(activity, BotJson.Options),
            Markdown = StudyCards.ReminderMarkdown(lang, o, dayBefore),
            DueUtc = due,
            CreatedUtc = nowUtc,
            NextAttemptUtc = nowUtc,
        };
    }
}
