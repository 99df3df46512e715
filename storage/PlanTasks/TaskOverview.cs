namespace ChatBot.Storage.PlanTasks;

/// <summary>
/// A workspace's open, 待验收 (#24) and done tasks for the weekly digest: every task's header (number, due date, status, section),
/// and a task itself only when asked for. The digest counts and orders every task but shows a few dozen, so on a cold
/// store this reads the snapshots' headers instead of decoding hundreds of tasks per workspace.
/// </summary>
public sealed class TaskOverview
{
    private readonly TaskList _open, _pending, _done;
    private readonly IReadOnlyList<TaskHeader> _openHeaders, _pendingHeaders, _doneHeaders;

    internal TaskOverview(TaskList open, TaskList done, TaskList? pending = null)
    {
        (_open, _pending, _done) = (open, pending ?? TaskList.Empty, done);
        (_openHeaders, _pendingHeaders, _doneHeaders) = (open.Headers(), _pending.Headers(), done.Headers());
    }

    /// <summary>An overview of tasks already in hand, in the order given.</summary>
    public static TaskOverview Of(IReadOnlyList<PlanTask> tasks) => new(new TaskList([.. tasks]), TaskList.Empty);

    public int Count => _openHeaders.Count + _pendingHeaders.Count + _doneHeaders.Count;

    /// <summary>How many of them wait for 验收.</summary>
    public int PendingCount => _pendingHeaders.Count;

    /// <summary>How many of them are done.</summary>
    public int DoneCount => CountDone(_doneHeaders) + CountDone(_openHeaders);

    private static int CountDone(IReadOnlyList<TaskHeader> headers)
    {
        var n = 0;
        for (var i = 0; i < headers.Count; i++)
            if (headers[i].Status == PlanTaskStatus.Done) n++;
        return n;
    }

    /// <summary>
    /// The header of task <paramref name="index"/>: open tasks first, then those waiting for 验收, then done ones, each
    /// by due date then number.
    /// </summary>
    public TaskHeader this[int index] =>
        index < _openHeaders.Count ? _openHeaders[index]
        : index - _openHeaders.Count < _pendingHeaders.Count ? _pendingHeaders[index - _openHeaders.Count]
        : _doneHeaders[index - _openHeaders.Count - _pendingHeaders.Count];

    /// <summary>Task <paramref name="index"/> itself (shared: do not modify it).</summary>
    public PlanTask Task(int index) =>
        index < _openHeaders.Count ? _open.At(index)
        : index - _openHeaders.Count < _pendingHeaders.Count ? _pending.At(index - _openHeaders.Count)
        : _done.At(index - _openHeaders.Count - _pendingHeaders.Count);
}
