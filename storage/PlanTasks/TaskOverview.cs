namespace ChatBot.Storage.PlanTasks;

/// <summary>
/// A workspace's open and done tasks for the weekly digest: every task's header (number, due date, status, section),
/// and a task itself only when asked for. The digest counts and orders every task but shows a few dozen, so on a cold
/// store this reads the snapshots' headers instead of decoding hundreds of tasks per workspace.
/// </summary>
public sealed class TaskOverview
{
    private readonly TaskList _open, _done;
    private readonly IReadOnlyList<TaskHeader> _openHeaders, _doneHeaders;

    internal TaskOverview(TaskList open, TaskList done)
    {
        (_open, _done) = (open, done);
        (_openHeaders, _doneHeaders) = (open.Headers(), done.Headers());
    }

    /// <summary>An overview of tasks already in hand, in the order given.</summary>
    public static TaskOverview Of(IReadOnlyList<PlanTask> tasks) => new(new TaskList([.. tasks]), TaskList.Empty);

    public int Count => _openHeaders.Count + _doneHeaders.Count;

    /// <summary>How many of them are done.</summary>
    public int DoneCount => CountDone(_doneHeaders) + CountDone(_openHeaders);

    private static int CountDone(IReadOnlyList<TaskHeader> headers)
    {
        var n = 0;
        for (var i = 0; i < headers.Count; i++)
            if (headers[i].Status == PlanTaskStatus.Done) n++;
        return n;
    }

    /// <summary>The header of task <paramref name="index"/>: open tasks first, then done ones, each by due date then number.</summary>
    public TaskHeader this[int index] => index < _openHeaders.Count ? _openHeaders[index] : _doneHeaders[index - _openHeaders.Count];

    /// <summary>Task <paramref name="index"/> itself (shared: do not modify it).</summary>
    public PlanTask Task(int index) => index < _openHeaders.Count ? _open.At(index) : _done.At(index - _openHeaders.Count);
}
