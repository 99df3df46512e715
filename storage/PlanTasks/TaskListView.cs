using ChatBot.Storage.Engine;
using System.Collections.Concurrent;
using LiteDB;

namespace ChatBot.Storage.PlanTasks;

/// <summary>
/// One per-workspace list of tasks that <see cref="PlanTaskStore"/> keeps both as snapshot documents (one per
/// workspace, <see cref="TaskSnapshot"/>, rewritten inside every write transaction that changes the list) and in
/// memory (loaded once, replaced after each such write): the open tasks (the overdue reminders, 逾期任务) and the done
/// tasks (the Monday digest). A store is the one writer of its database's tasks (a DI singleton): writes made through
/// another instance are not seen by this one's memory, only by its snapshot reads.
/// </summary>
internal sealed class TaskListView
{
    // LiteDB documents are limited to 16 MB; a workspace whose list does not fit is read through the index instead.
    private const int MaxSnapshotBytes = 8 * 1024 * 1024;

    private readonly DocumentDatabase _db;
    // On a database other instances write to (PostgreSQL) nothing is remembered: every read asks the database.
    private readonly bool _queryEveryTime;
    private readonly bool _done;
    private readonly Func<string, IEnumerable<PlanTask>> _query;
    // Each workspace's list with the write version it was loaded or written at.
    private readonly ConcurrentDictionary<string, (long Version, TaskList Tasks)> _lists = new();
    private readonly ConcurrentDictionary<string, long> _versions = new();
    // The workspaces that had a snapshot when this view was first read; one that had none and was not written since has an empty list.
    private volatile HashSet<string>? _stored;
    private readonly object _loadGate = new();

    /// <param name="collection">Where the snapshots are.</param>
    /// <param name="done">The done tasks; else the open ones.</param>
    /// <param name="query">The workspace's tasks of this list straight from the tasks collection (too many for a snapshot).</param>
    public TaskListView(DocumentDatabase db, string collection, bool done, Func<string, IEnumerable<PlanTask>> query)
    {
        _db = db;
        _queryEveryTime = db.IsShared;
        Collection = collection;
        _done = done;
        _query = query;
    }

    public string Collection { get; }

    private DocumentTable Snapshots => _db.Table(Collection);

    public bool Holds(PlanTask t) => _done ? t.Status == PlanTaskStatus.Done : t.IsOpen;

    /// <summary>Whether a written task can change this list: any for the open list (a task leaves it when closed), only a done one for the done list (closed tasks are not reopened).</summary>
    public bool Touched(PlanTask t) => !_done || t.Status == PlanTaskStatus.Done;

    /// <summary>The workspace's list by due date then id (shared instances: callers must not modify them).</summary>
    public TaskList Of(string workspaceId)
    {
        if (_queryEveryTime) return Queried(workspaceId);
        var version = _versions.GetValueOrDefault(workspaceId);
        if (_lists.TryGetValue(workspaceId, out var cached) && cached.Version == version) return cached.Tasks;
        var stored = _stored ?? Load();
        if (_lists.TryGetValue(workspaceId, out cached) && cached.Version == version) return cached.Tasks; // preloaded
        var loaded = version == 0 && !stored.Contains(workspaceId) ? TaskList.Empty : ListOf(workspaceId, Snapshots.FindById(workspaceId));
        // A write that committed while we were loading bumped the version: then do not keep what may be stale.
        if (_versions.GetValueOrDefault(workspaceId) == version) _lists[workspaceId] = (version, loaded);
        return loaded;
    }

    /// <summary>
    /// Every workspace's snapshot, read in one query at the first read: the reminder tick needs every open list, and on
    /// Mondays every done list (one query took a third of the time of one read per workspace). Returns which
    /// workspaces have one.
    /// </summary>
    private HashSet<string> Load()
    {
        lock (_loadGate)
        {
            if (_stored is { } done) return done;
            var versions = new Dictionary<string, long>(_versions);
            var stored = new HashSet<string>(StringComparer.Ordinal);
            foreach (var doc in Snapshots.Find(null))
            {
                var ws = doc["_id"].AsString;
                stored.Add(ws);
                var version = versions.GetValueOrDefault(ws);
                if (_versions.GetValueOrDefault(ws) == version) _lists.TryAdd(ws, (version, ListOf(ws, doc)));
            }
            return _stored = stored;
        }
    }

    private TaskList ListOf(string workspaceId, BsonDocument? snapshot) => snapshot switch
    {
        null => TaskList.Empty,
        _ when snapshot["Rows"].IsBinary => new TaskList(snapshot["Rows"].AsBinary, workspaceId),
        _ => Queried(workspaceId), // too big for a snapshot
    };

    // Without their notes, like the snapshots' tasks: a list is the same whichever way it was read.
    private TaskList Queried(string workspaceId) =>
        new([.. PlanTaskStore.WithoutNotes(_query(workspaceId).OrderBy(t => t.DueDate).ThenBy(t => t.Id).ToList())]);

    /// <summary>
    /// Inside a write transaction: rewrites the workspace's snapshot with <paramref name="changed"/> applied (tasks
    /// this list holds in, the others out), starting from the snapshot as stored (not from memory). Returns the new list.
    /// </summary>
    public TaskList Write(string workspaceId, IEnumerable<PlanTask> changed)
    {
        if (_queryEveryTime) return TaskList.Empty; // not kept: nothing to write or publish
        var byId = ListOf(workspaceId, Snapshots.FindById(workspaceId)).All().ToDictionary(t => t.Id);
        foreach (var t in changed)
            if (Holds(t)) byId[t.Id] = t; else byId.Remove(t.Id);
        var tasks = byId.Values.OrderBy(t => t.DueDate).ThenBy(t => t.Id).ToList();
        if (tasks.Count == 0)
        {
            Snapshots.Delete(workspaceId);
            return TaskList.Empty;
        }
        var rows = TaskSnapshot.Encode(tasks);
        if (rows.Length > MaxSnapshotBytes)
        {
            Snapshots.Upsert(new BsonDocument { ["_id"] = workspaceId, ["Oversize"] = true });
            return Queried(workspaceId);
        }
        Snapshots.Upsert(new BsonDocument { ["_id"] = workspaceId, ["Rows"] = rows });
        // Decoded from the bytes: fresh instances equal to a read from the database, not the callers' objects.
        return new TaskList(rows, workspaceId);
    }

    /// <summary>After a write: the workspace's new list (committed), or null (rolled back: the next read loads the stored one).</summary>
    public void Publish(string workspaceId, TaskList? tasks)
    {
        if (_queryEveryTime) return;
        var version = _versions.AddOrUpdate(workspaceId, 1, (_, v) => v + 1);
        if (tasks is null) _lists.TryRemove(workspaceId, out _);
        else _lists[workspaceId] = (version, tasks);
    }

    /// <summary>Inside a transaction: every snapshot written anew from the given tasks (all of this list's tasks, by workspace).</summary>
    public void Rebuild(IEnumerable<PlanTask> tasks)
    {
        foreach (var doc in Snapshots.Find(null)) Snapshots.Delete(doc["_id"]);
        foreach (var ws in tasks.Where(Holds).GroupBy(t => t.WorkspaceId))
            Write(ws.Key, ws);
    }
}
