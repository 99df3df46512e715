using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Features.PlanTasks;
using ChatBot.Bot.Reminders;
using ChatBot.Bot.Reminders.Calendar;
using ChatBot.Cards;
using ChatBot.Cards.Study;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Reminders;
using ChatBot.Storage.Study;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.Study;

/// <summary>
/// Chases presenters (主讲人) who are members of the group (bound when scheduled or imported, or a member of that exact
/// name) so nobody has to: a week before an occurrence the presenter is asked for the outline or
/// materials link; 3 days before, if none was given, they are asked again and the organiser (the session's creator, else
/// the group's admins) is told. Both at the workspace's reminder time (default 09:00) on the last working day on or
/// before "7 days before" / "3 days before" (a week before a session after 国庆 is not in the holiday). To the
/// presenter's personal chat when the bot has one with them, else in the group with an @mention. Keys
/// "study/{id}/{local date}/presenter-week", ".../presenter-3days" and ".../organiser-3days/{userKey}"; each expires at the start.
/// Quiet hours are kept by the outbox sender.
/// </summary>
internal sealed class PresenterReminderSource(
    StudyStore store,
    WorkspaceStore workspaces,
    ConversationReferenceStore references,
    IOptions<ReminderOptions> reminderOptions,
    WorkingCalendar calendar) : IReminderSource
{
    public const string Kind = "study.presenter";
    public const int FirstDaysBefore = 7;
    public const int SecondDaysBefore = 3;
    /// <summary>Far enough ahead for a first reminder pulled earlier by a long holiday.</summary>
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(21);

    public string Name => "study.presenters";

    public Task CollectAsync(DateTimeOffset nowUtc, Action<OutboxMessage> enqueue, CancellationToken ct)
    {
        foreach (var group in store.All().Where(s => s.Presenter is not null).GroupBy(s => s.WorkspaceId))
        {
            ct.ThrowIfCancellationRequested();
            var workspace = workspaces.Get(group.Key);
            if (workspace is null || workspace.Removed) continue;
            var schedule = new WorkspaceSchedule(workspace, reminderOptions.Value, calendar);
            IReadOnlyList<WorkspaceMember>? members = null;
            foreach (var o in StudyCalendar.Between(group, nowUtc, nowUtc + Horizon, schedule.TimeZone))
            {
                if (o.Cancelled || o.StartUtc <= nowUtc || o.Session.HasMaterialsFor(o.Date)) continue;
                var (firstDue, secondDue) = DueTimes(schedule, DateOnly.FromDateTime(o.LocalStart));
                if (nowUtc < firstDue) continue;
                members ??= workspaces.MembersOf(workspace.Id);
                var lateScheduled = o.Session.CreatedUtc >= secondDue; // scheduled within 3 days: asked once, nobody chased yet
                if (PresenterKey(o.Session, members) is null)
                {
                    // A unit ("司法所") or a name nobody in the group has cannot be reminded by the bot: at 3 days the
                    // organiser hears that nothing has come, so a person does the chasing.
                    if (nowUtc >= secondDue && !lateScheduled)
                        foreach (var organiser in Organisers(workspace, o.Session))
                            enqueue(ToOrganiser(workspace, members, o, organiser, secondDue, presenterReminded: false));
                    continue;
                }
                if (nowUtc < secondDue || lateScheduled)
                {
                    enqueue(ToPresenter(workspace, members, o, second: false, lateScheduled ? nowUtc : firstDue));
                    continue;
                }
                enqueue(ToPresenter(workspace, members, o, second: true, secondDue));
                foreach (var organiser in Organisers(workspace, o.Session))
                    if (organiser != PresenterKey(o.Session, members)) enqueue(ToOrganiser(workspace, members, o, organiser, secondDue));
            }
        }
        return Task.CompletedTask;
    }

    public void WarmUp(DateTimeOffset nowUtc, CancellationToken ct) => store.All();

    /// <summary>
    /// The reminder time on the last working day on or before 7 and 3 days before the start date. When a holiday pulls
    /// both onto the same day (a session just after 劳动节), the second comes on the first working day after the first
    /// and before the session, so there is time to answer the first.
    /// </summary>
    public static (DateTimeOffset First, DateTimeOffset Second) DueTimes(WorkspaceSchedule schedule, DateOnly startDate)
    {
        var first = WorkingDayOnOrBefore(schedule, startDate.AddDays(-FirstDaysBefore));
        var second = WorkingDayOnOrBefore(schedule, startDate.AddDays(-SecondDaysBefore));
        if (second <= first)
        {
            second = first.AddDays(1);
            while (second < startDate && !schedule.IsWorkingDay(second)) second = second.AddDays(1);
        }
        return (schedule.ToUtc(first, schedule.ReminderTime), schedule.ToUtc(second, schedule.ReminderTime));
    }

    private static DateOnly WorkingDayOnOrBefore(WorkspaceSchedule schedule, DateOnly day)
    {
        for (var d = day; d > day.AddDays(-15); d = d.AddDays(-1))
            if (schedule.IsWorkingDay(d)) return d;
        return day;
    }

    /// <summary>The presenter as a member: bound when scheduled or imported, else a member with exactly that name.</summary>
    private static string? PresenterKey(StudySession s, IReadOnlyList<WorkspaceMember> members) =>
        s.PresenterUserKey ?? members.FirstOrDefault(m => m.Name == s.Presenter)?.UserKey;

    /// <summary>Who organises: the session's creator; with none known, the group's admins.</summary>
    private static IEnumerable<string> Organisers(Workspace ws, StudySession s) =>
        s.CreatedBy is { Length: > 0 } creator ? [creator] : ws.Admins.Distinct();

    private static string KeyOf(StudyOccurrence o, string what) => $"study/{o.Session.Id}/{DateOnly.FromDateTime(o.LocalStart):yyyy-MM-dd}/{what}";

    private OutboxMessage ToPresenter(Workspace ws, IReadOnlyList<WorkspaceMember> members, StudyOccurrence o, bool second, DateTimeOffset due)
    {
        var lang = Lang.FromLocale(ws.Locale);
        var name = o.Session.Presenter!;
        var key = PresenterKey(o.Session, members);
        var (mentions, personal) = Addressee(ws, key, name);
        var mention = personal is null ? mentions.TextFor(name) : null;
        var card = StudyCards.PresenterReminder(lang, o, second, mention);
        var activity = TurnContext.CardActivity(card, StudyCards.PresenterAsk(lang, o, second, mention), mentions.Entities.Count > 0 ? mentions.Entities : null);
        activity.Locale = lang.Locale;
        var markdown = StudyCards.PresenterAsk(lang, o, second, personal is null ? mentions.MarkdownFor(name) : null);
        return ReminderMessages.Create(KeyOf(o, second ? "presenter-3days" : "presenter-week"), ws.Id, Kind, activity, due, markdown, mentions.UserIds, o.StartUtc, personal);
    }

    private OutboxMessage ToOrganiser(Workspace ws, IReadOnlyList<WorkspaceMember> members, StudyOccurrence o, string organiserKey, DateTimeOffset due, bool presenterReminded = true)
    {
        var lang = Lang.FromLocale(ws.Locale);
        var name = (organiserKey == o.Session.CreatedBy ? o.Session.CreatedByName : null)
            ?? members.FirstOrDefault(m => m.UserKey == organiserKey)?.Name ?? organiserKey[(organiserKey.IndexOf(':') + 1)..];
        var (mentions, personal) = Addressee(ws, organiserKey, name);
        var who = personal is null ? mentions.TextFor(name) + lang.T(":", ": ") : "";
        var text = presenterReminded
            ? lang.T($"{who}“{o.Session.Title}”({StudyText.When(lang, o)})还有3天,主讲人{o.Session.Presenter}尚未提交提纲或材料,已再次提醒,请跟进。",
                $"{who}\"{o.Session.Title}\" ({StudyText.When(lang, o)}) is in 3 days and the presenter, {o.Session.Presenter}, has not given an outline or materials yet. They were reminded again; please follow up.")
            : lang.T($"{who}“{o.Session.Title}”({StudyText.When(lang, o)})还有3天,主讲人{o.Session.Presenter}不在本群,机器人无法提醒,提纲或材料尚未提交,请联系主讲人。提交后输入“学法材料 {o.Session.Id} 链接或提纲”。",
                $"{who}\"{o.Session.Title}\" ({StudyText.When(lang, o)}) is in 3 days. The presenter, {o.Session.Presenter}, is not in this group, so the bot cannot remind them, and no outline or materials have come. Please contact the presenter, then type \"study materials {o.Session.Id} <link or outline>\".");
        var activity = new Activity { Type = ActivityTypes.Message, Text = text, Locale = lang.Locale, Entities = mentions.Entities.Count > 0 ? mentions.Entities : null };
        var markdown = personal is null ? text.Replace(mentions.TextFor(name), mentions.MarkdownFor(name)) : text;
        return ReminderMessages.Create(KeyOf(o, "organiser-3days/" + organiserKey), ws.Id, Kind, activity, due, markdown, mentions.UserIds, o.StartUtc, personal);
    }

    /// <summary>The personal chat when the bot has one with this person (no mention needed), else an @mention in the group.</summary>
    private (Mentions Mentions, string? Personal) Addressee(Workspace ws, string? userKey, string name)
    {
        if (userKey is null) return (Mentions.ForKeys(ws, []), null);
        var personal = "personal:" + userKey;
        return references.Get(personal) is not null ? (Mentions.None, personal) : (Mentions.ForKeys(ws, [(userKey, name)]), null);
    }
}
