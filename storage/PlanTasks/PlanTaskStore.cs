using ChatBot.Storage.Conversations;
using ChatBot.Storage.Engine;
using LiteDB;

namespace ChatBot.Storage.PlanTasks;

/// <summary>Plan tasks of every workspace. Every query takes the workspace id: one workspace never sees another's.</summary>
public sealed class PlanTaskStore : IOwnsCollections
{
    public const string Collection = "plan_tasks";
    /// <summary>The compound index the overdue query runs on: workspace, status, due date.</summary>
    public const string OverdueIndex = "ws_status_due";
    private const string OverdueExpr = "$.WorkspaceId + '|' + $.Status + '|' + $.DueDate";
    private static readonly PlanTaskStatus[] OpenStatuses = [PlanTaskStatus.NotStarted, PlanTaskStatus.InProgress];

    /// <summary>Each workspace's open tasks as one <see cref="TaskSnapshot"/> document, kept by every write.</summary>
    public const string OpenSnapshots = "plan_task_open";
    /// <summary>Each workspace's done tasks as one <see cref="TaskSnapshot"/> document, kept by every write.</summary>
    public const string DoneSnapshots = "plan_task_done";
    internal const string SnapshotMeta = "plan_task_meta";
    private const string SnapshotsBuilt = "snapshots";
    public static IReadOnlyList<string> Collections => [Collection, OpenSnapshots, DoneSnapshots, SnapshotMeta];

    private readonly DocumentDatabase _db;
    // LiteDB answers the status and due-date range queries from its compound index; PostgreSQL from its columns.
    private readonly LiteDatabase? _lite;
    private readonly AuditLog _audit;
    private readonly TaskListView _open, _done;
    // Writes of this store run one at a time, so their lists are published in commit order.
    private readonly object _writeGate = new();

    public PlanTaskStore(DocumentDatabase db, AuditLog audit)
    {
        _db = db;
        _lite = (db as LiteDocumentDatabase)?.Lite;
        _audit = audit;
        _lite?.GetCollection<PlanTask>(Collection).EnsureIndex(OverdueIndex, OverdueExpr);
        Tasks.EnsureIndex(t => t.WorkspaceId);
        Tasks.EnsureIndex(t => t.Status); // the 待验收 tasks of all workspaces (WithTasks)
        Tasks.EnsureIndex(t => t.IdentityKey, unique: true);
        _open = new TaskListView(db, OpenSnapshots, done: false, ws => WithStatus(ws, OpenStatuses));
        _done = new TaskListView(db, DoneSnapshots, done: true, ws => WithStatus(ws, [PlanTaskStatus.Done]));
        EnsureSnapshots();
    }

    private DocumentCollection<PlanTask> Tasks => _db.Collection<PlanTask>(Collection);

    public static string RecordKey(int id) => $"{Collection}/{id}";

    public PlanTask? Get(string workspaceId, int id) => Tasks.FindById(id) is { } t && t.WorkspaceId == workspaceId ? t : null;

    /// <summary>Every task of the workspace but the drafts (which have no deadline yet), by due date then id.</summary>
    public IReadOnlyList<PlanTask> All(string workspaceId) =>
        Tasks.Find(t => t.WorkspaceId == workspaceId).Where(t => t.Status != PlanTaskStatus.Draft).OrderBy(t => t.DueDate).ThenBy(t => t.Id).ToList();

    /// <summary>
    /// Open tasks of the workspace by due date, then id. Like every list here: shared read-only instances (do not
    /// modify them) without their progress notes (<see cref="PlanTask.Notes"/> is empty; <see cref="Get"/> a task for them).
    /// </summary>
    public IReadOnlyList<PlanTask> Open(string workspaceId) => _open.Of(workspaceId).All();

    /// <summary>Done tasks of the workspace by due date, then id (read-only, without progress notes, as <see cref="Open"/>).</summary>
    public IReadOnlyList<PlanTask> Done(string workspaceId) => _done.Of(workspaceId).All();

    /// <summary>
    /// The open, 待验收 and done tasks of the workspace as headers, each open or done task decoded only when asked for
    /// (the weekly digest). The tasks waiting for acceptance are few and read from the database.
    /// </summary>
    public TaskOverview Overview(string workspaceId) =>
        new(_open.Of(workspaceId), _done.Of(workspaceId), new TaskList([.. AwaitingAcceptance(workspaceId)]));

    /// <summary>
    /// Whether the workspace has any open, done or 待验收 task (what the weekly digest lists): from the lists in memory,
    /// and only when they are empty from the database.
    /// </summary>
    public int CountNotCancelled(string workspaceId)
    {
        // On a shared database counted there (the lists are not kept in memory), the same way.
        var inMemory = _db.IsShared
            ? new[] { PlanTaskStatus.NotStarted, PlanTaskStatus.InProgress, PlanTaskStatus.Done }.Sum(status => Tasks.Count(t => t.WorkspaceId == workspaceId && t.Status == status))
            : _open.Of(workspaceId).Count + _done.Of(workspaceId).Count;
        return inMemory > 0 ? inMemory : AwaitingAcceptance(workspaceId).Count;
    }

    /// <summary>
    /// Open tasks due before <paramref name="today"/> (due today is not overdue), by due date (read-only, without
    /// progress notes, as <see cref="Open"/>).
    /// Answered from the workspace's open-task list in memory: loaded once from the workspace's snapshot document and
    /// replaced by every write through this store, so the reminder tick and the 逾期任务 command cost a binary search.
    /// </summary>
    public IReadOnlyList<PlanTask> Overdue(string workspaceId, DateOnly today) => _db.IsShared
        ? WithoutNotes(OpenDueBetween(workspaceId, DateOnly.MinValue, today.AddDays(-1)))
        : _open.Of(workspaceId).DueBefore(today);

    /// <summary>
    /// Every open task due before <paramref name="day"/>, of every workspace, by workspace, each list by due date then
    /// id (read-only, without progress notes, as <see cref="Open"/>). One query, on the (status, due date) index.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<PlanTask>> OpenDueBefore(DateOnly day) =>
        ByWorkspace(Tasks.Find(Tasks.Filter(t => t.DueDate < day).And(StatusIn(OpenStatuses))));

    /// <summary>
    /// <see cref="Overdue(string, DateOnly)"/> of each workspace on its own day (the reminder tick: workspaces in other
    /// time zones have another today). From the lists in memory; on a shared database (which has none) with one query
    /// for all of them, up to the latest of the days, instead of one per workspace.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<PlanTask>> Overdue(IReadOnlyDictionary<string, DateOnly> todayOf)
    {
        if (!_db.IsShared) return todayOf.ToDictionary(kv => kv.Key, kv => Overdue(kv.Key, kv.Value), StringComparer.Ordinal);
        var due = todayOf.Count == 0 ? new Dictionary<string, IReadOnlyList<PlanTask>>() : OpenDueBefore(todayOf.Values.Max());
        return todayOf.ToDictionary(kv => kv.Key, kv => due.TryGetValue(kv.Key, out var tasks)
            ? (IReadOnlyList<PlanTask>)tasks.TakeWhile(t => t.DueDate < kv.Value).ToList() : [], StringComparer.Ordinal);
    }

    /// <summary>
    /// <see cref="Open(string)"/> of each of the workspaces: from the lists in memory, or on a shared database with one
    /// query for the open tasks of every workspace.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<PlanTask>> Open(IEnumerable<string> workspaceIds)
    {
        var ids = workspaceIds.Distinct(StringComparer.Ordinal).ToList();
        if (!_db.IsShared) return ids.ToDictionary(ws => ws, ws => Open(ws), StringComparer.Ordinal);
        var open = ids.Count == 0 ? new Dictionary<string, IReadOnlyList<PlanTask>>() : ByWorkspace(Tasks.Find(StatusIn(OpenStatuses)));
        return ids.ToDictionary(ws => ws, ws => open.TryGetValue(ws, out var tasks) ? tasks : [], StringComparer.Ordinal);
    }

    /// <summary>
    /// Which of the workspaces have a task the weekly digest lists (<see cref="CountNotCancelled"/> above 0): from the
    /// lists in memory and one query for the workspaces with 待验收 tasks, or on a shared database with one query for
    /// the workspaces that have any.
    /// </summary>
    public IReadOnlySet<string> WithTasks(IEnumerable<string> workspaceIds)
    {
        var ids = workspaceIds.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0) return new HashSet<string>(StringComparer.Ordinal);
        // The lists in memory answer for the open and done tasks; the few 待验收 ones are asked for once, for all.
        var listed = _db.IsShared ? [] : ids.Where(ws => _open.Of(ws).Count + _done.Of(ws).Count > 0).ToHashSet(StringComparer.Ordinal);
        if (listed.Count == ids.Count) return listed;
        IEnumerable<PlanTaskStatus> statuses = _db.IsShared ? [.. OpenStatuses, PlanTaskStatus.Done, PlanTaskStatus.PendingAcceptance] : [PlanTaskStatus.PendingAcceptance];
        var having = Tasks.Distinct(Tasks.FieldOf(nameof(PlanTask.WorkspaceId)), StatusIn(statuses)).Select(v => v.AsString).ToHashSet(StringComparer.Ordinal);
        return ids.Where(ws => listed.Contains(ws) || having.Contains(ws)).ToHashSet(StringComparer.Ordinal);
    }

    private DocumentFilter StatusIn(IEnumerable<PlanTaskStatus> statuses) =>
        DocumentFilter.In(Tasks.FieldOf(nameof(PlanTask.Status)), statuses.Select(s => new BsonValue(s.ToString())));

    private static Dictionary<string, IReadOnlyList<PlanTask>> ByWorkspace(IEnumerable<PlanTask> tasks) =>
        tasks.GroupBy(t => t.WorkspaceId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => WithoutNotes(g.OrderBy(t => t.DueDate).ThenBy(t => t.Id).ToList()), StringComparer.Ordinal);

    /// <summary>The lists carry no progress notes, as the snapshots do not: the same on both providers.</summary>
    internal static IReadOnlyList<PlanTask> WithoutNotes(IReadOnlyList<PlanTask> tasks)
    {
        foreach (var t in tasks) t.Notes = [];
        return tasks;
    }

    private IEnumerable<PlanTask> WithStatus(string workspaceId, IEnumerable<PlanTaskStatus> statuses) =>
        statuses.SelectMany(status => _lite is { } lite
            ? lite.GetCollection<PlanTask>(Collection).Find(Query.StartsWith(OverdueExpr, $"{workspaceId}|{status}|"))
            : Tasks.Find(t => t.WorkspaceId == workspaceId && t.Status == status)).Where(t => t.WorkspaceId == workspaceId);

    /// <summary>
    /// Builds every workspace's snapshots from the tasks once (a database written before snapshots existed, or in an
    /// older snapshot format); afterwards every write keeps them.
    /// </summary>
    private void EnsureSnapshots()
    {
        if (_db.IsShared) return; // no snapshots: every instance reads the lists from the database
        var meta = _db.Table(SnapshotMeta);
        if (meta.FindById(SnapshotsBuilt) is { } built && built["Format"].AsInt32 == TaskSnapshot.Format) return;
        lock (_writeGate)
        {
            _db.InTransaction(() =>
            {
                if (meta.FindById(SnapshotsBuilt) is not { } again || again["Format"].AsInt32 != TaskSnapshot.Format)
                {
                    var tasks = Tasks.Find(t => t.Status != PlanTaskStatus.Cancelled).ToList();
                    _open.Rebuild(tasks);
                    _done.Rebuild(tasks);
                    meta.Upsert(new BsonDocument { ["_id"] = SnapshotsBuilt, ["Format"] = (int)TaskSnapshot.Format });
                }
            });
        }
    }

    /// <summary>Open tasks with a due date in [from, to], straight from the database via two range scans of the (workspace, status, due) index.</summary>
    public IReadOnlyList<PlanTask> OpenDueBetween(string workspaceId, DateOnly from, DateOnly to)
    {
        var result = new List<PlanTask>();
        foreach (var status in OpenStatuses)
        {
            var prefix = $"{workspaceId}|{status}|";
            result.AddRange(_lite is { } lite
                ? lite.GetCollection<PlanTask>(Collection).Find(Query.Between(OverdueExpr, prefix + Day(from), prefix + Day(to)))
                : Tasks.Find(t => t.WorkspaceId == workspaceId && t.Status == status && t.DueDate >= from && t.DueDate <= to));
        }
        return result.OrderBy(t => t.DueDate).ThenBy(t => t.Id).ToList();
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");

    /// <summary>
    /// Saves an imported plan in one transaction: a task whose identity (plan year+title, section, title) exists is
    /// updated (owners, department, due date), the others are created. Progress and status are kept. With
    /// <paramref name="askToSign"/> (导入计划, #24) new tasks and tasks given other owners wait for 签收, as one
    /// assigned by card does; without it (minutes, older callers) an imported task is not asked to be signed for.
    /// </summary>
    public ImportOutcome Import(string workspaceId, IReadOnlyList<PlanTaskDraft> drafts, Actor actor, DateTimeOffset now, bool askToSign = false)
    {
        int created = 0, updated = 0, unchanged = 0;
        var ids = new List<int>();
        InTransaction(changed =>
        {
            (created, updated, unchanged) = (0, 0, 0);
            ids.Clear();
            foreach (var d in drafts)
            {
                var key = PlanTask.Identity(workspaceId, d.PlanYear, d.PlanTitle, d.Section, d.Title);
                var existing = Tasks.FindOne(t => t.IdentityKey == key);
                // Held until the import commits, so a progress update from another instance is not overwritten.
                if (existing is not null && _db.IsShared) existing = Tasks.FindByIdForUpdate(existing.Id);
                if (existing is null)
                {
                    var task = FromDraft(workspaceId, d, key, now);
                    if (!askToSign) task.Supervision.AssignedUtc = null;
                    Tasks.Insert(task);
                    Audit(task, "import.create", actor, now, $"{task.Title} · {Day(task.DueDate)}");
                    changed.Add(task);
                    ids.Add(task.Id);
                    created++;
                    continue;
                }
                ids.Add(existing.Id);
                var changes = Describe(existing, d);
                if (existing.Status == PlanTaskStatus.Draft)
                {
                    // A draft imported again with a deadline becomes a real task.
                    existing.Status = PlanTaskStatus.NotStarted;
                    changes = changes.Length == 0 ? "draft → task" : "draft → task; " + changes;
                }
                if (changes.Length == 0) { unchanged++; continue; }
                if (askToSign) Reassigned(existing, d, now);
                existing.Owners = d.Owners.ToList();
                existing.Department = d.Department;
                existing.Supervision.SupportUnits = d.SupportUnits.ToList();
                existing.Supervision.IsKey = d.IsKey;
                existing.DueDate = d.DueDate;
                existing.Section = d.Section;
                existing.Title = d.Title;
                existing.UpdatedUtc = now;
                Tasks.Update(existing);
                Audit(existing, "import.update", actor, now, changes);
                changed.Add(existing);
                updated++;
            }
        });
        return new ImportOutcome(created, updated, unchanged, ids);
    }

    /// <summary>Creates one task (add-task card); null when a task with the same identity exists.</summary>
    public PlanTask? Create(string workspaceId, PlanTaskDraft d, Actor actor, DateTimeOffset now)
    {
        var key = PlanTask.Identity(workspaceId, d.PlanYear, d.PlanTitle, d.Section, d.Title);
        if (Tasks.FindOne(t => t.IdentityKey == key) is not null) return null;
        var task = FromDraft(workspaceId, d, key, now);
        var created = false;
        InTransaction(changed =>
        {
            // Asked again inside the transaction: another instance may have created it since. One creating it at the
            // same moment makes the insert fail on the unique identity, and the transaction runs again to find it here.
            if (created = Tasks.FindOne(t => t.IdentityKey == key) is null)
            {
                Tasks.Insert(task);
                Audit(task, "create", actor, now, $"{task.Title} · {Day(task.DueDate)}");
                changed.Add(task);
            }
        });
        return created ? task : null;
    }

    /// <summary>Edits a task's details (edit card). Returns null when the task is not in the workspace or the new identity is taken.</summary>
    public PlanTask? Edit(string workspaceId, int id, PlanTaskDraft d, Actor actor, DateTimeOffset now)
    {
        var key = PlanTask.Identity(workspaceId, d.PlanYear, d.PlanTitle, d.Section, d.Title);
        var taken = false;
        var task = Change(workspaceId, id, actor, now, task =>
        {
            taken = key != task.IdentityKey && Tasks.FindOne(t => t.IdentityKey == key) is not null;
            if (taken) return null;
            var changes = Describe(task, d);
            task.PlanYear = d.PlanYear; task.PlanTitle = d.PlanTitle; task.Section = d.Section; task.Title = d.Title;
            Reassigned(task, d, now);
            task.Owners = d.Owners.ToList(); task.Department = d.Department; task.DueDate = d.DueDate;
            task.Supervision.SupportUnits = d.SupportUnits.ToList(); task.Supervision.IsKey = d.IsKey;
            task.IdentityKey = key; task.UpdatedUtc = now;
            return ("edit", changes.Length == 0 ? "—" : changes);
        });
        return taken ? null : task;
    }

    public PlanTask? UpdateProgress(string workspaceId, int id, int progress, string note, Actor actor, DateTimeOffset now) =>
        Change(workspaceId, id, actor, now, task =>
        {
            if (!task.IsOpen) return null;
            var value = Math.Clamp(progress, 0, 100);
            var before = task.Progress;
            task.Progress = value;
            task.Status = value > 0 || !string.IsNullOrWhiteSpace(note) ? PlanTaskStatus.InProgress : task.Status;
            task.Notes.Add(new ProgressNote { AtUtc = now, AuthorKey = actor.UserKey, AuthorName = actor.Name, Progress = value, Text = note.Trim() });
            task.UpdatedUtc = now;
            // An update answers the open 催办 (the response time is kept) and counts as signing for the task.
            if (task.HasSupervision) AnswerChases(task, actor, now);
            if (task.HasSupervision && task.Supervision.AssignedUtc is not null && task.Supervision.AcknowledgedUtc is null)
                (task.Supervision.AcknowledgedUtc, task.Supervision.AcknowledgedBy) = (now, actor.Name);
            return ("progress", $"{before}% → {value}% {note}".Trim());
        });

    /// <summary>
    /// Closes a task with its completion feedback (办结反馈), which must not be empty; with <paramref name="needsAcceptance"/>
    /// it goes to 待验收 instead, for an admin to accept or return (#24).
    /// </summary>
    public PlanTask? Complete(string workspaceId, int id, string feedback, Actor actor, DateTimeOffset now, bool needsAcceptance = false)
    {
        if (string.IsNullOrWhiteSpace(feedback)) throw new ArgumentException("Completion feedback is required.", nameof(feedback));
        return Change(workspaceId, id, actor, now, task =>
        {
            if (!task.IsOpen) return null;
            task.Progress = 100;
            task.Feedback = feedback.Trim();
            task.CompletedUtc = now;
            task.CompletedBy = actor.Name;
            task.UpdatedUtc = now;
            if (task.HasSupervision) AnswerChases(task, actor, now);
            if (needsAcceptance)
            {
                task.Status = PlanTaskStatus.PendingAcceptance;
                task.Supervision.SubmittedForAcceptanceUtc = now;
                return ("submit", task.Feedback);
            }
            task.Status = PlanTaskStatus.Done;
            return ("complete", task.Feedback);
        });
    }

    // ── 督办 supervision cycle (#24) ───────────────────────────────────────────────────────────────────────────────

    /// <summary>
    /// Saves a decision without a deadline as a draft (草稿): never given a guessed date, it waits for
    /// <see cref="SetDeadline"/>. Returns the existing task when one with the same identity exists.
    /// </summary>
    public PlanTask SaveDraft(string workspaceId, PlanTaskDraft d, Actor actor, DateTimeOffset now)
    {
        var key = PlanTask.Identity(workspaceId, d.PlanYear, d.PlanTitle, d.Section, d.Title);
        if (Tasks.FindOne(t => t.IdentityKey == key) is { } existing) return existing;
        var task = FromDraft(workspaceId, d, key, now);
        (task.Status, task.DueDate) = (PlanTaskStatus.Draft, DateOnly.MinValue);
        task.Supervision.AssignedUtc = null;
        InTransaction(changed =>
        {
            // Asked again inside the transaction: another instance may have saved it since.
            if (Tasks.FindOne(t => t.IdentityKey == key) is { } saved)
            {
                task = saved;
                return;
            }
            Tasks.Insert(task);
            Audit(task, "draft", actor, now, task.Title);
            changed.Add(task);
        });
        return task;
    }

    /// <summary>The workspace's drafts by number (read from the database: few, and only on request).</summary>
    public IReadOnlyList<PlanTask> Drafts(string workspaceId) =>
        WithStatus(workspaceId, [PlanTaskStatus.Draft]).OrderBy(t => t.Id).ToList();

    /// <summary>设定时限: a draft gets its deadline and becomes a task (未开始). Null when it is not a draft of the workspace.</summary>
    public PlanTask? SetDeadline(string workspaceId, int id, DateOnly due, Actor actor, DateTimeOffset now)
    {
        var task = Change(workspaceId, id, actor, now, task =>
        {
            if (task.Status != PlanTaskStatus.Draft) return null;
            task.Status = PlanTaskStatus.NotStarted;
            task.DueDate = due;
            task.UpdatedUtc = now;
            return ("deadline", Day(due));
        });
        return task is { Status: PlanTaskStatus.NotStarted } && task.DueDate == due ? task : null;
    }

    /// <summary>A new assignment (other owners) restarts 签收: the new owners have not signed for it yet.</summary>
    private static void Reassigned(PlanTask task, PlanTaskDraft d, DateTimeOffset now)
    {
        if (task.Owners.SequenceEqual(d.Owners) && task.Department == d.Department) return;
        var s = task.Supervision;
        (s.AssignedUtc, s.AcknowledgedUtc, s.AcknowledgedBy) = (now, null, null);
    }

    /// <summary>The owners' update answers every chase still open (each keeps its own time to respond).</summary>
    private static void AnswerChases(PlanTask task, Actor actor, DateTimeOffset now)
    {
        foreach (var chase in task.Supervision.Chases.Where(c => c.AnsweredUtc is null)) (chase.AnsweredUtc, chase.AnsweredBy) = (now, actor.Name);
    }

    /// <summary>The tasks waiting for 验收, by due date then id (read from the database: few, and only on request).</summary>
    public IReadOnlyList<PlanTask> AwaitingAcceptance(string workspaceId) =>
        WithStatus(workspaceId, [PlanTaskStatus.PendingAcceptance]).OrderBy(t => t.DueDate).ThenBy(t => t.Id).ToList();

    /// <summary>签收: the first owner to sign is recorded; signing again changes nothing.</summary>
    public PlanTask? Acknowledge(string workspaceId, int id, Actor actor, DateTimeOffset now) =>
        Change(workspaceId, id, actor, now, task =>
        {
            if (!task.IsOpen || task.Supervision.AcknowledgedUtc is not null) return null;
            (task.Supervision.AcknowledgedUtc, task.Supervision.AcknowledgedBy) = (now, actor.Name);
            return ("acknowledge", actor.Name);
        });

    /// <summary>
    /// 催办: records a chase. At most one a day per task (the day in <paramref name="zone"/>): returns false, and
    /// changes nothing, when the task was already chased that day.
    /// </summary>
    public bool Chase(string workspaceId, int id, Actor actor, DateTimeOffset now, TimeZoneInfo zone, out PlanTask? task)
    {
        var chased = false;
        task = Change(workspaceId, id, actor, now, task =>
        {
            chased = false;
            if (!task.IsOpen) return null;
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
            if (task.Supervision.Chases.Any(c => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(c.AtUtc, zone).DateTime) == today)) return null;
            task.Supervision.Chases.Add(new TaskChase { AtUtc = now, ByKey = actor.UserKey, ByName = actor.Name });
            task.UpdatedUtc = now;
            chased = true;
            return ("chase", $"#{task.Supervision.Chases.Count}");
        });
        return chased;
    }

    /// <summary>延期申请: false when one is already waiting for a decision or the new date is not later than the deadline.</summary>
    public bool RequestExtension(string workspaceId, int id, DateOnly to, string reason, Actor actor, DateTimeOffset now, out PlanTask? task)
    {
        var requested = false;
        task = Change(workspaceId, id, actor, now, task =>
        {
            requested = false;
            if (!task.IsOpen || task.Supervision.PendingExtension is not null || to <= task.DueDate || string.IsNullOrWhiteSpace(reason)) return null;
            task.Supervision.Extensions.Add(new ExtensionRequest
                { RequestedUtc = now, ByKey = actor.UserKey, ByName = actor.Name, FromDate = task.DueDate, ToDate = to, Reason = reason.Trim() });
            task.UpdatedUtc = now;
            requested = true;
            return ("extension.request", $"{Day(task.DueDate)} → {Day(to)} {reason}");
        });
        return requested;
    }

    /// <summary>
    /// An admin's decision on the waiting 延期申请: approved moves the deadline (the first approval keeps the original
    /// deadline). Null when there is no waiting request.
    /// </summary>
    public ExtensionRequest? DecideExtension(string workspaceId, int id, bool approve, string? note, Actor actor, DateTimeOffset now, out PlanTask? task)
    {
        ExtensionRequest? decided = null;
        task = Change(workspaceId, id, actor, now, task =>
        {
            decided = null;
            if (task.Supervision.PendingExtension is not { } request || !task.IsOpen) return null;
            request.Decision = approve ? ExtensionDecision.Approved : ExtensionDecision.Refused;
            (request.DecidedUtc, request.DecidedBy, request.DecisionNote) = (now, actor.Name, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
            if (approve)
            {
                task.Supervision.OriginalDueDate ??= task.DueDate;
                task.DueDate = request.ToDate;
            }
            task.UpdatedUtc = now;
            decided = request;
            return (approve ? "extension.approve" : "extension.refuse", $"{Day(request.FromDate)} → {Day(request.ToDate)} {note}".Trim());
        });
        return decided;
    }

    /// <summary>验收 accepted: 待验收 → 已办结. Null when the task is not waiting for acceptance.</summary>
    public PlanTask? Accept(string workspaceId, int id, Actor actor, DateTimeOffset now)
    {
        var accepted = false;
        var task = Change(workspaceId, id, actor, now, task =>
        {
            if (!(accepted = task.Status == PlanTaskStatus.PendingAcceptance)) return null;
            task.Status = PlanTaskStatus.Done;
            (task.Supervision.AcceptedUtc, task.Supervision.AcceptedBy) = (now, actor.Name);
            task.UpdatedUtc = now;
            return ("accept", "");
        });
        return accepted ? task : null;
    }

    /// <summary>验收 returned: 待验收 → 进行中 with the reason; the feedback and completion are cleared. Null when not waiting.</summary>
    public PlanTask? ReturnForRework(string workspaceId, int id, string reason, Actor actor, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(reason)) return null;
        var returned = false;
        var task = Change(workspaceId, id, actor, now, task =>
        {
            if (!(returned = task.Status == PlanTaskStatus.PendingAcceptance)) return null;
            task.Status = PlanTaskStatus.InProgress;
            task.Supervision.Returns.Add(new AcceptanceReturn { AtUtc = now, ByName = actor.Name, Reason = reason.Trim() });
            (task.CompletedUtc, task.CompletedBy, task.Supervision.SubmittedForAcceptanceUtc) = (null, null, null);
            task.UpdatedUtc = now;
            return ("return", reason.Trim());
        });
        return returned ? task : null;
    }

    /// <summary>领导批示 on a task (open or not).</summary>
    public PlanTask? Instruct(string workspaceId, int id, string text, Actor actor, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return Change(workspaceId, id, actor, now, task =>
        {
            task.Supervision.Instructions.Add(new LeaderInstruction { AtUtc = now, ByKey = actor.UserKey, ByName = actor.Name, Text = text.Trim() });
            task.UpdatedUtc = now;
            return ("instruct", text.Trim());
        });
    }

    public PlanTask? Cancel(string workspaceId, int id, string reason, Actor actor, DateTimeOffset now) =>
        Change(workspaceId, id, actor, now, task =>
        {
            if (!task.IsOpen) return null;
            task.Status = PlanTaskStatus.Cancelled;
            task.UpdatedUtc = now;
            return ("cancel", reason);
        });

    /// <summary>For tests and benchmarks: inserts many tasks at once (one transaction), without audit entries.</summary>
    public int BulkInsert(IEnumerable<PlanTask> tasks)
    {
        var list = tasks.ToList();
        var inserted = 0;
        InTransaction(changed =>
        {
            inserted = _lite is { } lite ? lite.GetCollection<PlanTask>(Collection).InsertBulk(list, 5000) : Tasks.Insert(list);
            changed.AddRange(list);
        });
        return inserted;
    }

    /// <summary>
    /// A read-modify-write of one task, in one transaction: the task is read inside it (on PostgreSQL with a row lock
    /// held to the end, so two instances changing one task take turns and neither loses the other's change), then
    /// <paramref name="change"/> changes it and says what to audit, or null to leave it as it was. Returns the task as
    /// read (and changed), or null when the workspace has no such task.
    /// </summary>
    private PlanTask? Change(string workspaceId, int id, Actor actor, DateTimeOffset now, Func<PlanTask, (string Action, string Details)?> change)
    {
        PlanTask? task = null;
        InTransaction(changed =>
        {
            task = Tasks.FindByIdForUpdate(id) is { } t && t.WorkspaceId == workspaceId ? t : null;
            if (task is null || change(task) is not { } audit) return;
            Tasks.Update(task);
            Audit(task, audit.Action, actor, now, audit.Details);
            changed.Add(task);
        });
        return task;
    }

    /// <summary>
    /// Runs a write in one transaction together with the snapshots of the lists it changed (of the tasks it adds to
    /// the list), then hands the new lists to the readers, or after a failure drops them so the next read loads what
    /// is stored.
    /// </summary>
    private void InTransaction(Action<List<PlanTask>> write)
    {
        lock (_writeGate)
        {
            var changed = new List<PlanTask>();
            List<(TaskListView View, string Workspace, TaskList Tasks)>? committed = null;
            try
            {
                // Its own transaction, never a caller's: the lists are handed to readers as committed.
                committed = _db.InTransaction(() =>
                {
                    changed.Clear(); // PostgreSQL runs a transaction again after a deadlock
                    write(changed);
                    return Touched(changed).Select(x => (x.View, x.Workspace, x.View.Write(x.Workspace, x.Tasks))).ToList();
                }, join: false);
            }
            finally
            {
                if (committed is not null)
                    foreach (var (view, ws, tasks) in committed) view.Publish(ws, tasks);
                else
                    foreach (var (view, ws, _) in Touched(changed)) view.Publish(ws, null);
            }
        }
    }

    private IEnumerable<(TaskListView View, string Workspace, IEnumerable<PlanTask> Tasks)> Touched(List<PlanTask> changed) =>
        new[] { _open, _done }.SelectMany(view => changed.Where(view.Touched).GroupBy(t => t.WorkspaceId)
            .Select(g => (view, g.Key, (IEnumerable<PlanTask>)g)));

    private void Audit(PlanTask task, string action, Actor actor, DateTimeOffset now, string details) =>
        _audit.Write(new AuditEntry
        {
            RecordKey = RecordKey(task.Id), WorkspaceId = task.WorkspaceId, Action = "task." + action,
            UserKey = actor.UserKey, UserName = actor.Name, Details = details.Length > 1000 ? details[..1000] : details, AtUtc = now,
        });

    private static PlanTask FromDraft(string workspaceId, PlanTaskDraft d, string key, DateTimeOffset now)
    {
        var task = new PlanTask
        {
            WorkspaceId = workspaceId, PlanYear = d.PlanYear, PlanTitle = d.PlanTitle.Trim(), Section = d.Section.Trim(), Title = d.Title.Trim(),
            Owners = d.Owners.ToList(), Department = d.Department.Trim(), DueDate = d.DueDate, IdentityKey = key,
            CreatedUtc = now, UpdatedUtc = now,
            Supervision = new TaskSupervision { SupportUnits = d.SupportUnits.ToList(), IsKey = d.IsKey, PlanKind = d.PlanKind, AssignedUtc = now },
        };
        return task;
    }

    private static string Describe(PlanTask t, PlanTaskDraft d)
    {
        var parts = new List<string>();
        if (!t.Owners.SequenceEqual(d.Owners)) parts.Add($"owners: {string.Join("、", t.Owners)} → {string.Join("、", d.Owners)}");
        if (t.Department != d.Department) parts.Add($"department: {t.Department} → {d.Department}");
        if (!t.Supervision.SupportUnits.SequenceEqual(d.SupportUnits)) parts.Add($"support: {string.Join("、", t.Supervision.SupportUnits)} → {string.Join("、", d.SupportUnits)}");
        if (t.Supervision.IsKey != d.IsKey) parts.Add($"key: {t.Supervision.IsKey} → {d.IsKey}");
        if (t.DueDate != d.DueDate) parts.Add($"due: {Day(t.DueDate)} → {Day(d.DueDate)}");
        if (t.Title != d.Title) parts.Add($"title: {t.Title} → {d.Title}");
        if (t.Section != d.Section) parts.Add($"section: {t.Section} → {d.Section}");
        if (t.PlanTitle != d.PlanTitle.Trim() || t.PlanYear != d.PlanYear) parts.Add($"plan: {t.PlanYear} {t.PlanTitle} → {d.PlanYear} {d.PlanTitle}");
        return string.Join("; ", parts);
    }
}
