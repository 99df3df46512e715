using LiteDB;

namespace ChatBot.Storage.Study;

/// <summary>
/// A Teams meeting linked to one study occurrence: who was in it and when, from the meeting's start/end and participant
/// join/leave events. At the end, those present long enough are signed in automatically.
/// </summary>
public sealed class StudyMeeting
{
    /// <summary>The meeting id Teams sends (channelData.meeting.id).</summary>
    [BsonId] public string Id { get; set; } = "";
    /// <summary>The meeting chat's workspace (where the events arrive).</summary>
    public string ChatWorkspaceId { get; set; } = "";
    /// <summary>The linked session's workspace: the sign-ins go there.</summary>
    public string WorkspaceId { get; set; } = "";
    public int SessionId { get; set; }
    public DateOnly OccurrenceDate { get; set; }
    public DateTimeOffset? StartedUtc { get; set; }
    public DateTimeOffset? EndedUtc { get; set; }
    public List<StudyMeetingPresence> Presence { get; set; } = new();
    /// <summary>Activity ids already applied: Teams may deliver an event twice.</summary>
    public List<string> EventIds { get; set; } = new();

    /// <summary>Minutes one person was in the meeting, joins and leaves summed; an open stay ends at <paramref name="until"/>.</summary>
    public int MinutesPresent(string userKey, DateTimeOffset until) =>
        (int)Math.Floor(Presence.Where(p => p.UserKey == userKey).Sum(p => Math.Max(0, ((p.LeftUtc ?? until) - p.JoinedUtc).TotalMinutes)));
}
