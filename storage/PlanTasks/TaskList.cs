using System.Buffers.Binary;
using System.Text;

namespace ChatBot.Storage.PlanTasks;

/// <summary>
/// Tasks of one workspace by due date then id, decoded from their snapshot only as far as a caller needs: the overdue
/// list of the reminder tick is a prefix of the open tasks, so a cold start does not decode the tasks due later.
/// Tasks handed out are shared: callers must not modify them.
/// </summary>
internal sealed class TaskList
{
    public static readonly TaskList Empty = new([]);

    // Decoded in order: [0, _decoded) always; a task after that only when At asked for it.
    private readonly PlanTask[] _tasks;
    private readonly object _gate = new();
    private TaskSnapshot.Reader? _reader;
    private volatile int _decoded;
    private TaskHeader[]? _headers;
    private int[]? _offsets;

    public TaskList(PlanTask[] byDueThenId)
    {
        _tasks = byDueThenId;
        _decoded = byDueThenId.Length;
    }

    public TaskList(byte[] snapshot, string workspaceId)
    {
        _reader = new TaskSnapshot.Reader(snapshot, workspaceId);
        _tasks = new PlanTask[_reader.Count];
    }

    public int Count => _tasks.Length;

    public IReadOnlyList<PlanTask> All()
    {
        DecodeUntilDue(DateOnly.MaxValue);
        return _tasks;
    }

    /// <summary>
    /// Every task's header, in list order, without decoding the tasks not decoded yet (the weekly digest counts and
    /// orders all of them but shows a few).
    /// </summary>
    public IReadOnlyList<TaskHeader> Headers()
    {
        if (Volatile.Read(ref _headers) is { } known) return known;
        lock (_gate)
        {
            if (_headers is { } again) return again;
            var headers = new TaskHeader[_tasks.Length];
            var decoded = _decoded;
            for (var i = 0; i < decoded; i++) headers[i] = TaskHeader.Of(_tasks[i]);
            if (decoded < _tasks.Length)
            {
                _offsets = new int[_tasks.Length];
                _reader!.ScanRest(headers.AsSpan(decoded), _offsets.AsSpan(decoded));
            }
            Volatile.Write(ref _headers, headers);
            return headers;
        }
    }

    /// <summary>The task at <paramref name="index"/> of the list, decoding only that one if the list is not decoded that far.</summary>
    public PlanTask At(int index)
    {
        if (index < _decoded) return _tasks[index];
        Headers(); // the offsets
        lock (_gate)
        {
            if (_tasks[index] is { } decoded) return decoded;
            return _tasks[index] = _reader!.ReadAt(_offsets![index]);
        }
    }

    /// <summary>The tasks due before <paramref name="day"/>.</summary>
    public IReadOnlyList<PlanTask> DueBefore(DateOnly day)
    {
        var decoded = DecodeUntilDue(day);
        int lo = 0, hi = decoded;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_tasks[mid].DueDate < day) lo = mid + 1; else hi = mid;
        }
        return lo == _tasks.Length ? _tasks : new ArraySegment<PlanTask>(_tasks, 0, lo);
    }

    /// <summary>
    /// Decodes until a task due on or after <paramref name="day"/> is decoded (MaxValue: all of them), so every task
    /// due before it is; returns how many are decoded.
    /// </summary>
    private int DecodeUntilDue(DateOnly day)
    {
        var decoded = _decoded;
        if (Done(decoded)) return decoded;
        lock (_gate)
        {
            decoded = _decoded;
            while (!Done(decoded))
            {
                var next = _reader!.Next();
                _tasks[decoded] ??= next; // At may have handed this one out already: keep that instance
                _decoded = ++decoded;
            }
            if (decoded == _tasks.Length) (_reader, _offsets) = (null, null); // done reading (titles not read yet still hold the bytes)
            return decoded;
        }

        bool Done(int n) => n == _tasks.Length || (n > 0 && day != DateOnly.MaxValue && _tasks[n - 1].DueDate >= day);
    }
}
