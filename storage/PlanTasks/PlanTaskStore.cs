using ChatBot.Storage.Conversations;
using ChatBot.Storage.Engine;
using LiteDB;

namespace ChatBot.Storage.PlanTasks;

/// <summary>Plan tasks of every workspace. Every query takes the workspace id: one workspace never sees another's.</summary>
public sealed class PlanTaskStore
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

    private readonly LiteDatabase _db;
    private readonly AuditLog _audit;
    private readonly TaskListView _open, _done;
    // Writes of this store run one at a time, so their lists are published in commit order.
    private readonly object _writeGate = new();

    public PlanTaskStore(LiteDatabase db, AuditLog audit)
    {
        _db = db;
        _audit = audit;
        Tasks.EnsureIndex(OverdueIndex, OverdueExpr);
        Tasks.EnsureIndex(t => t.WorkspaceId);
        Tasks.EnsureIndex(t => t.IdentityKey, unique: true);
        _open = new TaskListView(db, OpenSnapshots, done: false, ws => WithStatus(ws, OpenStatuses));
        _done = new TaskListView(db, DoneSnapshots, done: true, ws => WithStatus(ws, [PlanTaskStatus.Done]));
        EnsureSnapshots();
    }

    private ILiteCollection<PlanTask> Tasks => _db.GetCollection<PlanTask>(Collection);

    public static string RecordKey(int id) => $"{Collection}/{id}";

    public PlanTask? Get(string workspaceId, int id) => Tasks.FindById(id) is { } t && t.WorkspaceId == workspaceId ? t : null;

    public IReadOnlyList<PlanTask> All(string workspaceId) =>
        Tasks.Find(t => t.WorkspaceId == workspaceId).OrderBy(t => t.DueDate).ThenBy(t => t.Id).ToList();

    /// <summary>
    /// Open tasks of the workspace by due date, then id. Like every list here: shared read-only instances (do not
    /// modify them) without their progress notes (<see cref="PlanTask.Notes"/> is empty; <see cref="Get"/> a task for them).
    /// </summary>
    public IReadOnlyList<PlanTask> Open(string workspaceId) => _open.Of(workspaceId).All();

    /// <summary>Done tasks of the workspace by due date, then id (read-only, without progress notes, as <see cref="Open"/>).</summary>
    public IReadOnlyList<PlanTask> Done(string workspaceId) => _done.Of(workspaceId).All();

    /// <summary>The open and done tasks of the workspace as headers, each task decoded only when asked for (the weekly digest).</summary>
    public TaskOverview Overview(string workspaceId) => new(_open.Of(workspaceId), _done.Of(workspaceId));

    /// <summary>How many open and done tasks the workspace has (what the weekly digest lists), without decoding them.</summary>
    public int CountNotCancelled(string workspaceId) => _open.Of(workspaceId).Count + _done.Of(workspaceId).Count;

    /// <summary>
    /// Open tasks due before <paramref name="today"/> (due today is not overdue), by due date (read-only, without
    /// progress notes, as <see cref="Open"/>).
    /// Answered from the workspace's open-task list in memory: loaded once from the workspace's snapshot document and
    /// replaced by every write through this store, so the reminder tick and the 逾期任务 command cost a binary search.
    /// </summary>
    public IReadOnlyList<PlanTask> Overdue(string workspaceId, DateOnly today) => _open.Of(workspaceId).DueBefore(today);

    private IEnumerable<PlanTask> WithStatus(string workspaceId, IEnumerable<PlanTaskStatus> statuses) =>
        statuses.SelectMany(status => Tasks.Find(Query.StartsWith(OverdueExpr, $"{workspaceId}|{status}|"))).Where(t => t.WorkspaceId == workspaceId);

    /// <summary>
    /// Builds every workspace's snapshots from the tasks once (a database written before snapshots existed, or in an
    /// older snapshot format); afterwards every write keeps them.
    /// </summary>
    private void EnsureSnapshots()
    {
        var meta = _db.GetCollection(SnapshotMeta);
        if (meta.FindById(SnapshotsBuilt) is { } built && built["Format"].AsInt32 == TaskSnapshot.Format) return;
        lock (_writeGate)
        {
            _db.InTransaction(() =>
            {
                if (meta.FindById(SnapshotsBuilt) is not { } again || again["Format"].AsInt32 != TaskSnapshot.Format)
                {
                    var tasks = Tasks.Find(Query.Not(nameof(PlanTask.Status), PlanTaskStatus.Cancelled.ToString())).ToList();
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
            result.AddRange(Tasks.Find(Query.Between(OverdueExpr, prefix + Day(from), prefix + Day(to))));
        }
        return result.OrderBy(t => t.DueDate).ThenBy(t => t.Id).ToList();
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");

    /// <summary>
    /// Saves an imported plan in one transaction: a task whose identity (plan year+title, section, title) exists is
    /// updated (owners, department, due date), the others are created. Progress and status are kept.
    /// </summary>
    public ImportOutcome Import(string workspaceId, IReadOnlyList<PlanTaskDraft> drafts, Actor actor, DateTimeOffset now)
    {
        int created = 0, updated = 0, unchanged = 0;
        var ids = new List<int>();
        InTransaction(changed =>
        {
            foreach (var d in drafts)
            {
                var key = PlanTask.Identity(workspaceId, d.PlanYear, d.PlanTitle, d.Section, d.Title);
                var existing = Tasks.FindOne(t => t.IdentityKey == key);
                if (existing is null)
                {
                    var task = FromDraft(workspaceId, d, key, now);
                    Tasks.Insert(task);
                    Audit(task, "import.create", actor, now, $"{task.Title} · {Day(task.DueDate)}");
                    changed.Add(task);
                    ids.Add(task.Id);
                    created++;
                    continue;
                }
                ids.Add(existing.Id);
                var changes = Describe(existing, d);
                if (changes.Length == 0) { unchanged++; continue; }
                existing.Owners = d.Owners.ToList();
                existing.Department = d.Department;
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

    /// <summary>Creates one task (add-task card); false when a task with the same identity exists.</summary>
    public PlanTask? Create(string workspaceId, PlanTaskDraft d, Actor actor, DateTimeOffset now)
    {
        var key = PlanTask.Identity(workspaceId, d.PlanYear, d.PlanTitle, d.Section, d.Title);
        if (Tasks.FindOne(t => t.IdentityKey == key) is not null) return null;
        var task = FromDraft(workspaceId, d, key, now);
        InTransaction(changed =>
        {
            Tasks.Insert(task);
            Audit(task, "create", actor, now, $"{task.Title} · {Day(task.DueDate)}");
            changed.Add(task);
        });
        return task;
    }

    /// <summary>Edits a task's details (edit card). Returns null when the task is not in the workspace or the new identity is taken.</summary>
    public PlanTask? Edit(string workspaceId, int id, PlanTaskDraft d, Actor actor, DateTimeOffset now)
    {
        var task = Get(workspaceId, id);
        if (task is null) return null;
        var key = PlanTask.Identity(workspaceId, d.PlanYear, d.PlanTitle, d.Section, d.Title);
        if (key != task.IdentityKey && Tasks.FindOne(t => t.IdentityKey == key) is not null) return null;
        var changes = Describe(task, d);
        task.PlanYear = d.PlanYear; task.PlanTitle = d.PlanTitle; task.Section = d.Section; task.Title = d.Title;
        task.Owners = d.Owners.ToList(); task.Department = d.Department; task.DueDate = d.DueDate;
        task.IdentityKey = key; task.UpdatedUtc = now;
        return Save(task, "edit", actor, now, changes.Length == 0 ? "—" : changes);
    }

    public PlanTask? UpdateProgress(string workspaceId, int id, int progress, string note, Actor actor, DateTimeOffset now)
    {
        var task = Get(workspaceId, id);
        if (task is null || !task.IsOpen) return task;
        progress = Math.Clamp(progress, 0, 100);
        var before = task.Progress;
        task.Progress = progress;
        task.Status = progress > 0 || !string.IsNullOrWhiteSpace(note) ? PlanTaskStatus.InProgress : task.Status;
        task.Notes.Add(new ProgressNote { AtUtc = now, AuthorKey = actor.UserKey, AuthorName = actor.Name, Progress = progress, Text = note.Trim() });
        task.UpdatedUtc = now;
        return Save(task, "progress", actor, now, $"{before}% → {progress}% {note}".Trim());
    }

    /// <summary>Closes a task with its completion feedback (办结反馈), which must not be empty.</summary>
    public PlanTask? Complete(string workspaceId, int id, string feedback, Actor actor, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(feedback)) throw new ArgumentException("Completion feedback is required.", nameof(feedback));
        var task = Get(workspaceId, id);
        if (task is null || !task.IsOpen) return task;
        task.Status = PlanTaskStatus.Done;
        task.Progress = 100;
        task.Feedback = feedback.Trim();
        task.CompletedUtc = now;
        task.CompletedBy = actor.Name;
        task.UpdatedUtc = now;
        return Save(task, "complete", actor, now, task.Feedback);
    }

    public PlanTask? Cancel(string workspaceId, int id, string reason, Actor actor, DateTimeOffset now)
    {
        var task = Get(workspaceId, id);
        if (task is null || !task.IsOpen) return task;
        task.Status = PlanTaskStatus.Cancelled;
        task.UpdatedUtc = now;
        return Save(task, "cancel", actor, now, reason);
    }

    /// <summary>For tests and benchmarks: inserts many tasks at once (one transaction), without audit entries.</summary>
    public int BulkInsert(IEnumerable<PlanTask> tasks)
    {
        var list = tasks.ToList();
        var inserted = 0;
        InTransaction(changed =>
        {
            inserted = Tasks.InsertBulk(list, 5000);
            changed.AddRange(list);
        });
        return inserted;
    }

    private PlanTask Save(PlanTask task, string action, Actor actor, DateTimeOffset now, string details)
    {
        InTransaction(changed =>
        {
            Tasks.Update(task);
            Audit(task, action, actor, now, details);
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

    private static PlanTask FromDraft(string workspaceId, PlanTaskDraft d, string key, DateTimeOffset now) => new()
    {
        WorkspaceId = workspaceId, PlanYear = d.PlanYear, PlanTitle = d.PlanTitle.Trim(), Section = d.Section.Trim(), Title = d.Title.Trim(),
        Owners = d.Owners.ToList(), Department = d.Department.Trim(), DueDate = d.DueDate, IdentityKey = key,
        CreatedUtc = now, UpdatedUtc = now,
    };

    private static string Describe(PlanTask t, PlanTaskDraft d)
    {
        var parts = new List<string>();
        if (!t.Owners.SequenceEqual(d.Owners)) parts.Add($"owners: {string.Join("、", t.Owners)} → {string.Join("、", d.Owners)}");
        if (t.Department != d.Department) parts.Add($"department: {t.Department} → {d.Department}");
        if (t.DueDate != d.DueDate) parts.Add($"due: {Day(t.DueDate)} → {Day(d.DueDate)}");
        if (t.Title != d.Title) parts.Add($"title: {t.Title} → {d.Title}");
        if (t.Section != d.Section) parts.Add($"section: {t.Section} → {d.Section}");
        if (t.PlanTitle != d.PlanTitle.Trim() || t.PlanYear != d.PlanYear) parts.Add($"plan: {t.PlanYear} {t.PlanTitle} → {d.PlanYear} {d.PlanTitle}");
        return string.Join("; ", parts);
    }
}
