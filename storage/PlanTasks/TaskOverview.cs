namespace ChatBot.Storage.PlanTasks;

/// <summary>
/// A workspace's open and done tasks for the weekly digest: every task's header (number, due date, status, section),
/// and a task itself only when asked for. The digest counts and orders every task but shows a few dozen, so on a cold
/// store this reads the snapshots' headers instead of decoding hundreds of tasks per workspace.
/// </summary>
public sealed class TaskOverview
{
    private readonly IReadOnlyList<TaskHeader> _open, _done;
    private readonly Func<int, PlanTask> _openAt, _doneAt;
    private readonly int _doneAmongOpen;

    internal TaskOverview(TaskList open, TaskList done)
        : this(open.Headers(), open.At, done.Headers(), done.At, 0) { }

    private TaskOverview(IReadOnlyList<TaskHeader> open, Func<int, PlanTask> openAt, IReadOnlyList<TaskHeader> done, Func<int, PlanTask> doneAt,
        int doneAmongOpen)
    {
        (_open, _openAt, _done, _doneAt, _doneAmongOpen) = (open, openAt, done, doneAt, doneAmongOpen);
    }

    /// <summary>An overview of tasks already in hand, in the order given.</summary>
    public static TaskOverview Of(IReadOnlyList<PlanTask> tasks) =>
        new(tasks.Select(TaskHeader.Of).ToArray(), i => tasks[i], [], _ => throw new ArgumentOutOfRangeException(nameof(tasks)),
            tasks.Count(t => t.Status == PlanTaskStatus.Done));

    public int Count => _open.Count + _done.Count;

    /// <summary>How many of them are done.</summary>
    public int DoneCount => _done.Count + _doneAmongOpen;

    /// <summary>The header of task <paramref name="index"/>: open tasks first, then done ones, each by due date then number.</summary>
    public TaskHeader this[int index] => index < _open.Count ? _open[index] : _done[index - _open.Count];

    /// <summary>Task <paramref name="index"/> itself (shared: do not modify it).</summary>
    public PlanTask Task(int index) => index < _open.Count ? _openAt(index) : _doneAt(index - _open.Count);
}
