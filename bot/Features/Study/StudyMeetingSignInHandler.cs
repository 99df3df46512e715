using ChatBot.Bot.Conversation;
using ChatBot.Cards;
using ChatBot.Cards.Study;
using ChatBot.Storage.Study;

namespace ChatBot.Bot.Features.Study;

/// <summary>
/// Signs people in to a study session held as a Teams meeting. The meeting is linked when it starts (or someone joins)
/// within the sign-in window of an occurrence of a session scheduled in the meeting chat or linked to it by 关联会议;
/// joins and leaves are recorded per participant; at the meeting's end everyone present for at least half the
/// session's length is signed in ("自动签到(会议)"). A manual sign-in stays as it is; events of a meeting no session
/// matches, and events delivered twice, change nothing.
/// </summary>
internal sealed class StudyMeetingSignInHandler(StudyStore store, ILogger<StudyMeetingSignInHandler> log) : IActivityHandler
{
    // Events of one meeting can arrive at once; each is a read-modify-write of its record (in one transaction, under
    // the record's row lock on a shared database; this lock orders them in one process on the embedded one).
    private readonly Lock _gate = new();

    public async Task OnActivityAsync(TurnContext ctx, CancellationToken ct)
    {
        if (StudyMeetingEvent.Read(ctx.Activity, ctx.Now) is not { } e) return;
        string? reply;
        lock (_gate) reply = store.ChangeMeeting(e.MeetingId, meeting => Apply(ctx, e, meeting));
        if (reply is not null) await ctx.SendTextAsync(reply);
    }

    /// <summary>Applies the event to the meeting's record as stored; returns the record to save and what to say in the meeting chat, if anything.</summary>
    private (StudyMeeting? Save, string? Reply) Apply(TurnContext ctx, StudyMeetingEvent e, StudyMeeting? meeting)
    {
        var eventId = ctx.Activity.Id;
        if (meeting is not null && eventId is not null && meeting.EventIds.Contains(eventId))
        {
            log.LogInformation("Meeting event {EventId} of {MeetingId} already applied; ignored", eventId, e.MeetingId);
            return (null, null);
        }
        string? reply = null;
        var linkedNow = false;
        if (meeting is null)
        {
            if (e.What is not (StudyMeetingEvent.Kind.Start or StudyMeetingEvent.Kind.Join) || Occurrence(ctx, e.At) is not { } o)
            {
                log.LogInformation("Meeting {MeetingId} in {WorkspaceId} matches no study session; {Event} ignored", e.MeetingId, ctx.Workspace.Id, e.What);
                return (null, null);
            }
            meeting = new StudyMeeting { Id = e.MeetingId, ChatWorkspaceId = ctx.Workspace.Id, WorkspaceId = o.Session.WorkspaceId, SessionId = o.Session.Id, OccurrenceDate = o.Date };
            linkedNow = true;
        }
        var occurrence = store.Get(meeting.WorkspaceId, meeting.SessionId) is { } session ? StudyCalendar.Find(session, meeting.OccurrenceDate, ctx.TimeZone) : null;
        if (occurrence is null) return (null, null); // the session was deleted since
        if (meeting.EndedUtc is not null) return (null, null); // a late event after the sign-in was made

        switch (e.What)
        {
            case StudyMeetingEvent.Kind.Start:
                meeting.StartedUtc ??= e.At;
                break;
            case StudyMeetingEvent.Kind.Join:
                foreach (var (id, name) in e.Members.Where(m => m.Id != ctx.Activity.Recipient?.Id))
                {
                    var key = UserKey(ctx, id);
                    // A second join without a leave between (a second device) keeps the first stay open.
                    if (!meeting.Presence.Any(p => p.UserKey == key && p.LeftUtc is null))
                        meeting.Presence.Add(new StudyMeetingPresence { UserKey = key, Name = name, JoinedUtc = e.At });
                }
                break;
            case StudyMeetingEvent.Kind.Leave:
                foreach (var (id, _) in e.Members)
                    foreach (var stay in meeting.Presence.Where(p => p.UserKey == UserKey(ctx, id) && p.LeftUtc is null))
                        stay.LeftUtc = e.At;
                break;
            case StudyMeetingEvent.Kind.End:
                meeting.EndedUtc = e.At;
                foreach (var stay in meeting.Presence.Where(p => p.LeftUtc is null)) stay.LeftUtc = e.At;
                reply = SignIn(ctx, meeting, occurrence);
                break;
        }
        if (eventId is not null) meeting.EventIds.Add(eventId);
        if (linkedNow && e.What == StudyMeetingEvent.Kind.Start)
            reply = ctx.T($"本次会议已关联学法活动“{occurrence.Session.Title}”({StudyText.When(ctx.Lang, occurrence)}):在会满 {Half(occurrence)} 分钟的同志会后自动签到。",
                $"This meeting is linked to the study session \"{occurrence.Session.Title}\" ({StudyText.When(ctx.Lang, occurrence)}): everyone in it for at least {Half(occurrence)} minutes is signed in automatically when it ends.");
        return (meeting, reply);
    }

    private static string UserKey(TurnContext ctx, string id) => $"{ctx.Activity.ChannelId}:{id}";

    /// <summary>Half the session's length, rounded up to the minute: the presence that counts as attending.</summary>
    private static int Half(StudyOccurrence o) => (int)Math.Ceiling(o.Session.Rule.DurationMinutes / 2.0);

    private string SignIn(TurnContext ctx, StudyMeeting meeting, StudyOccurrence occurrence)
    {
        var signed = new List<string>();
        var already = new List<string>();
        var tooShort = new List<string>();
        foreach (var person in meeting.Presence.GroupBy(p => p.UserKey))
        {
            var minutes = meeting.MinutesPresent(person.Key, meeting.EndedUtc!.Value);
            var name = person.Select(p => p.Name).LastOrDefault(n => !string.IsNullOrWhiteSpace(n)) ?? ctx.T("(未留称呼)", "(no name given)");
            if (minutes < Half(occurrence))
            {
                tooShort.Add(ctx.T($"{name}({minutes}分钟)", $"{name} ({minutes} min)"));
                continue;
            }
            var attendance = new StudyAttendance
            {
                WorkspaceId = meeting.WorkspaceId, SessionId = meeting.SessionId, OccurrenceDate = meeting.OccurrenceDate, UserKey = person.Key,
                UserName = person.Select(p => p.Name).LastOrDefault(n => !string.IsNullOrWhiteSpace(n)), SignedInUtc = meeting.EndedUtc!.Value,
                Method = StudySignInMethod.Meeting, MinutesPresent = minutes,
            };
            (store.TrySignIn(attendance, out _) ? signed : already).Add(name);
        }
        var sep = ctx.T("、", ", ");
        var text = ctx.T($"会议结束,“{occurrence.Session.Title}”自动签到(会议){signed.Count}人", $"The meeting has ended. \"{occurrence.Session.Title}\": {English.Count(signed.Count, "auto sign-in")} (meeting)")
                   + (signed.Count > 0 ? ctx.T(":", ": ") + string.Join(sep, signed) : "") + ctx.T("。", ".");
        if (already.Count > 0) text += ctx.T($"\n已自行签到:{string.Join(sep, already)}。", $"\nAlready signed in: {string.Join(sep, already)}.");
        if (tooShort.Count > 0)
            text += ctx.T($"\n在会不足 {Half(occurrence)} 分钟,未签到:{string.Join(sep, tooShort)}。如确实参加,请联系组织人员补记。",
                $"\nIn the meeting for less than {Half(occurrence)} minutes, not signed in: {string.Join(sep, tooShort)}. If they did attend, please ask the organiser to note it.");
        return text;
    }

    /// <summary>The occurrence open for sign-in at that moment, of a session of this chat or one linked to it.</summary>
    private StudyOccurrence? Occurrence(TurnContext ctx, DateTimeOffset at)
    {
        var sessions = store.InWorkspace(ctx.Workspace.Id).Concat(store.All().Where(s => s.MeetingWorkspaceId == ctx.Workspace.Id)).DistinctBy(s => s.Id);
        return StudyCalendar.Between(sessions, at.AddDays(-1), at.AddDays(1), ctx.TimeZone)
            .Where(o => !o.Cancelled && StudyCalendar.WindowAt(o, at) == SignInWindow.Open)
            .OrderBy(o => Math.Abs((o.StartUtc - at).TotalMinutes))
            .FirstOrDefault();
    }
}
