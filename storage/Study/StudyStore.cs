using ChatBot.Storage.Conversations;
using ChatBot.Storage.Engine;
using LiteDB;

namespace ChatBot.Storage.Study;

/// <summary>Study sessions and their attendance. Every read is scoped to one workspace.</summary>
public sealed class StudyStore : IOwnsCollections
{
    public const string Sessions = "study_sessions";
    public const string Attendance = "study_attendance";
    public const string Scores = "study_scores";
    public const string Meetings = "study_meetings";
    public static IReadOnlyList<string> Collections => [Sessions, Attendance, Scores, Meetings];
    private readonly DocumentDatabase _db;

    public StudyStore(DocumentDatabase db)
    {
        _db = db;
        SessionCollection.EnsureIndex(s => s.WorkspaceId);
        AttendanceCollection.EnsureIndex(a => a.WorkspaceId);
        AttendanceCollection.EnsureIndex(a => a.SessionId);
        ScoreCollection.EnsureIndex(a => a.WorkspaceId);
    }

    private DocumentCollection<StudySession> SessionCollection => _db.Collection<StudySession>(Sessions);
    private DocumentCollection<StudyAttendance> AttendanceCollection => _db.Collection<StudyAttendance>(Attendance);
    private DocumentCollection<StudyExamScore> ScoreCollection => _db.Collection<StudyExamScore>(Scores);
    private DocumentCollection<StudyMeeting> MeetingCollection => _db.Collection<StudyMeeting>(Meetings);
    private DocumentCollection<AuditEntry> Audit => _db.Collection<AuditEntry>(ChatBotDatabase.Audit);

    public static string RecordKey(int id) => $"{Sessions}/{id}";

    /// <summary>Saves a new session and its audit entry in one transaction.</summary>
    public StudySession Create(StudySession session, AuditEntry audit)
    {
        InTransaction(() =>
        {
            SessionCollection.Insert(session);
            audit.RecordKey = RecordKey(session.Id);
            audit.WorkspaceId = session.WorkspaceId;
            Audit.Insert(audit);
        });
        SessionsChanged();
        return session;
    }

    /// <summary>
    /// Saves a yearly plan's new and changed sessions, each with its audit entry, all or none. A changed session is
    /// given as its id and the change: applied to the session as stored (read inside the transaction, on PostgreSQL
    /// under its row lock), so what another instance changed in it meanwhile (a cancellation, a materials link) stays.
    /// One no longer in <paramref name="workspaceId"/> is passed over.
    /// </summary>
    public void SavePlan(string workspaceId, IReadOnlyList<StudySession> created, IReadOnlyList<(int Id, Action<StudySession> Change)> updated,
        Func<StudySession, bool, AuditEntry> audit)
    {
        InTransaction(() =>
        {
            foreach (var session in created)
            {
                SessionCollection.Insert(session);
                Audited(session, audit(session, true));
            }
            foreach (var (id, change) in updated)
            {
                if (SessionCollection.FindByIdForUpdate(id) is not { } session || session.WorkspaceId != workspaceId) continue;
                change(session);
                SessionCollection.Update(session);
                Audited(session, audit(session, false));
            }
        });
        SessionsChanged();
    }

    private void Audited(StudySession session, AuditEntry entry)
    {
        entry.RecordKey = RecordKey(session.Id);
        entry.WorkspaceId = session.WorkspaceId;
        Audit.Insert(entry);
    }

    /// <summary>
    /// Changes a session in one transaction: read inside it (on PostgreSQL with a row lock held to the end, so two
    /// instances changing one session take turns and neither loses the other's change); <paramref name="change"/>
    /// changes it and returns the audit entry, or null to leave it as it was. Returns the session as read (and
    /// changed), or null when the workspace has no such session.
    /// </summary>
    public StudySession? Change(string workspaceId, int id, Func<StudySession, AuditEntry?> change)
    {
        var saved = false;
        var session = _db.InTransaction(() =>
        {
            saved = false;
            if (SessionCollection.FindByIdForUpdate(id) is not { } s || s.WorkspaceId != workspaceId) return null;
            if (change(s) is not { } audit) return s;
            SessionCollection.Update(s);
            audit.RecordKey = RecordKey(s.Id);
            audit.WorkspaceId = s.WorkspaceId;
            Audit.Insert(audit);
            saved = true;
            return s;
        });
        if (saved) SessionsChanged();
        return session;
    }

    public StudySession? Get(string workspaceId, int id) =>
        SessionCollection.FindById(id) is { } s && s.WorkspaceId == workspaceId ? s : null;

    public IReadOnlyList<StudySession> InWorkspace(string workspaceId) =>
        SessionCollection.Find(s => s.WorkspaceId == workspaceId).OrderBy(s => s.Id).ToList();

    /// <summary>
    /// All sessions of all workspaces, for the reminder scan that runs every minute. Kept in memory until the next
    /// write through this store (sessions change a few times a month; reading 10,000 each minute cost ~150 ms), but
    /// on a shared database (PostgreSQL) read every time.
    /// Callers must not change the returned objects.
    /// </summary>
    public IReadOnlyList<StudySession> All()
    {
        if (_db.IsShared) return SessionCollection.FindAll().ToList(); // other instances write too: nothing kept
        var version = Volatile.Read(ref _version);
        if (_allSessions is { } cached && cached.Version == version) return cached.Sessions;
        var sessions = SessionCollection.FindAll().ToList();
        // Tagged with the version read before the query: a write that raced with it makes the next call read again.
        _allSessions = new CachedSessions(version, sessions);
        return sessions;
    }

    private sealed record CachedSessions(int Version, IReadOnlyList<StudySession> Sessions);
    private volatile CachedSessions? _allSessions;
    private int _version;

    private void SessionsChanged() => Interlocked.Increment(ref _version);

    /// <summary>Records a sign-in; false when this person already signed in to this occurrence.</summary>
    public bool TrySignIn(StudyAttendance attendance, out StudyAttendance existing)
    {
        attendance.Id = StudyAttendance.IdOf(attendance.SessionId, attendance.OccurrenceDate, attendance.UserKey);
        existing = attendance;
        // The key decides, so two instances signing one person in at once record it once.
        if (AttendanceCollection.TryInsert(attendance)) return true;
        existing = AttendanceCollection.FindById(attendance.Id) ?? attendance;
        return false;
    }

    public IReadOnlyList<StudyAttendance> AttendanceOf(string workspaceId) =>
        AttendanceCollection.Find(a => a.WorkspaceId == workspaceId).ToList();

    public IReadOnlyList<StudyAttendance> AttendanceOf(string workspaceId, int sessionId, DateOnly date) =>
        AttendanceCollection.Find(a => a.WorkspaceId == workspaceId && a.SessionId == sessionId).Where(a => a.OccurrenceDate == date).ToList();

    /// <summary>
    /// Records (or corrects) the scores of one occurrence, all or none, with the audit entry. <paramref name="absent"/>:
    /// people marked absent, added to the expected participants of session <paramref name="sessionId"/> (of the
    /// audit entry's workspace) when they are not on it yet, so they count as absent. The session is read and changed
    /// inside the transaction (on PostgreSQL under its row lock): another instance's change of it meanwhile stays.
    /// </summary>
    public void SaveScores(IReadOnlyList<StudyExamScore> scores, AuditEntry audit, int? sessionId = null, IReadOnlyCollection<string>? absent = null)
    {
        var sessionChanged = false;
        InTransaction(() =>
        {
            sessionChanged = false; // PostgreSQL runs a transaction again after a conflict
            if (sessionId is { } id && absent is { Count: > 0 })
            {
                if (SessionCollection.FindByIdForUpdate(id) is not { } session || session.WorkspaceId != audit.WorkspaceId)
                    throw new InvalidOperationException($"The workspace '{audit.WorkspaceId}' has no study session {id}.");
                var missing = absent.Where(n => !session.ExpectedParticipants.Contains(n, StringComparer.OrdinalIgnoreCase)).Distinct().ToList();
                if (missing.Count > 0)
                {
                    session.ExpectedParticipants.AddRange(missing);
                    SessionCollection.Update(session);
                    sessionChanged = true;
                }
            }
            foreach (var s in scores)
            {
                s.Id = StudyExamScore.IdOf(s.SessionId, s.OccurrenceDate, s.Name, s.Attempt);
                ScoreCollection.Upsert(s);
            }
            Audit.Insert(audit);
        });
        if (sessionChanged) SessionsChanged();
    }

    /// <summary>The Teams meeting record of this meeting id, if it was linked to a study occurrence.</summary>
    public StudyMeeting? Meeting(string meetingId) => MeetingCollection.FindById(meetingId);

    /// <summary>Writes the meeting record as given (a new one, or a copy); an event is applied with <see cref="ChangeMeeting{T}"/>.</summary>
    public void SaveMeeting(StudyMeeting meeting) => MeetingCollection.Upsert(meeting);

    /// <summary>
    /// Applies one event to a meeting's record in one transaction: the record is read inside it (on PostgreSQL with a
    /// row lock, so events of one meeting handled by two instances at once take turns and neither's change is lost)
    /// and handed to <paramref name="change"/> (null when there is none yet), which returns the record to save (the
    /// one it was given, changed, or a new one) or null to save nothing. A new record that another instance saved
    /// first fails on its key, and the transaction runs again with that record (so <paramref name="change"/> may run
    /// more than once; only the last run counts). Writes <paramref name="change"/> makes through this store join the
    /// transaction.
    /// </summary>
    public T ChangeMeeting<T>(string meetingId, Func<StudyMeeting?, (StudyMeeting? Save, T Result)> change) =>
        _db.InTransaction(() =>
        {
            var stored = MeetingCollection.FindByIdForUpdate(meetingId);
            var (save, result) = change(stored);
            if (save is null) return result;
            if (stored is null) MeetingCollection.Insert(save);
            else MeetingCollection.Update(save);
            return result;
        });

    public IReadOnlyList<StudyExamScore> ScoresOf(string workspaceId) =>
        ScoreCollection.Find(s => s.WorkspaceId == workspaceId).ToList();

    private void InTransaction(Action write) => _db.InTransaction(write);
}
