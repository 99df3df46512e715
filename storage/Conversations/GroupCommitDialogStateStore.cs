using LiteDB;

namespace ChatBot.Storage.Conversations;

/// <summary>
/// Dialog state writes from many concurrent turns share one LiteDB transaction: a LiteDB commit costs a flush, so
/// ~1,000 separate commits a second is the ceiling, while 50 writes in one commit cost about the same as one.
/// <see cref="SaveAsync"/> completes only after the transaction holding the write has committed, so a turn is still
/// durable before it is acknowledged. One writer thread owns the transactions (LiteDB transactions are per thread).
/// Committed records are also kept in memory (this store is the only writer of the collection), so a steady turn's
/// load reads no document and does not wait behind a commit in progress.
/// </summary>
public sealed class GroupCommitDialogStateStore : IDialogStateStore, IDisposable
{
    private const int MaxBatch = 256;
    private readonly LiteDatabase _db;
    private readonly System.Collections.Concurrent.ConcurrentQueue<PendingWrite> _queue = new();
    // The writer sleeps on this between batches. No spinning before it blocks: on a two-core machine a spinning writer
    // takes the CPU the turns it is waiting for need (it showed as 15-20 % of a core in a profile).
    private readonly ManualResetEventSlim _work = new(false, spinCount: 0);
    private volatile bool _disposed;
    private readonly Thread _writer;
    // Committed state by key; null = known to have no saved state. It is for the conversations busy right now, so it is
    // small (~2 KB an entry) and simply cleared when it reaches the bound: afterwards each key costs one read again.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DialogStateRecord?> _committed = new();
    private const int MaxCached = 4_096;

    // Durability is pipelined: the writer commits batch N+1 while batch N's log pages are written and fsynced on the
    // second thread, which then completes N's saves. Without a DurableCommits (in-memory database) a commit completes them.
    private readonly DurableCommits? _durability;
    private readonly System.Collections.Concurrent.ConcurrentQueue<(List<PendingWrite> Batch, long Started)> _committedBatches = new();
    private readonly ManualResetEventSlim _committedWork = new(false, spinCount: 0);
    private volatile bool _writerDone;

    private readonly Thread? _syncer;

    public GroupCommitDialogStateStore(LiteDatabase db)
    {
        _db = db;
        _durability = ChatBotDatabase.DurabilityOf(db);
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "dialog-state-group-commit" };
        _writer.Start();
        if (_durability is not null)
        {
            _syncer = new Thread(SyncLoop) { IsBackground = true, Name = "dialog-state-fsync" };
            _syncer.Start();
        }
    }

    private ILiteCollection<DialogStateRecord> States => _db.GetCollection<DialogStateRecord>(ChatBotDatabase.DialogState);

    public DialogStateRecord? Load(string key)
    {
        if (_committed.TryGetValue(key, out var cached)) return cached is null ? null : Copy(cached);
        var stored = States.FindById(key);
        Remember(key, stored);
        return stored;
    }

    private void Remember(string key, DialogStateRecord? committed)
    {
        if (_committed.Count >= MaxCached) _committed.Clear();
        _committed[key] = committed is null ? null : Copy(committed);
    }

    public Task SaveAsync(DialogStateRecord record, CancellationToken ct = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var copy = Copy(record);
        // Mapped to BSON here, on the turn's thread, so the single writer spends its time on the commit alone.
        if (_disposed)
            done.SetException(new ObjectDisposedException(nameof(GroupCommitDialogStateStore)));
        else
        {
            _queue.Enqueue(new PendingWrite(copy, _db.Mapper.ToDocument(copy), done));
            _work.Set();
            if (_disposed && !_writer.IsAlive) FailLeftovers(); // raced with Dispose: nobody will write it
        }
        return done.Task;
    }

    public void Delete(string key)
    {
        _committed.TryRemove(key, out _);
        States.Delete(key);
        _committed.TryRemove(key, out _);
    }

    private void WriteLoop()
    {
        var documents = _db.GetCollection(ChatBotDatabase.DialogState);
        if (_durability is not null) _durability.DeferredOnThisThread = true; // SyncLoop waits for the disk
        while (true)
        {
            var batch = new List<PendingWrite>(Math.Min(MaxBatch, Math.Max(_queue.Count, 4)));
            while (batch.Count < MaxBatch && _queue.TryDequeue(out var item)) batch.Add(item);
            if (batch.Count == 0)
            {
                if (_disposed) return;
                _work.Reset();
                if (_queue.IsEmpty && !_disposed) _work.Wait(); // a write enqueued after the Reset has Set it again
                continue;
            }
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                _db.BeginTrans();
                // The last write of a key in the batch wins; earlier ones are superseded.
                var latest = LatestPerKey(batch);
                documents.Upsert(latest.Select(w => w.Document));
                _db.Commit();
                foreach (var write in latest) Remember(write.Record.Id, write.Record);
                if (_durability is null) Completed(batch, started);
                else
                {
                    _committedBatches.Enqueue((batch, started));
                    _committedWork.Set();
                }
            }
            catch (Exception ex)
            {
                try { _db.Rollback(); } catch (LiteException) { }
                Failed(batch, ex);
            }
        }
    }

    /// <summary>Waits until committed batches are on disk (one fsync for all that are waiting), then completes their saves.</summary>
    private void SyncLoop()
    {
        var ready = new List<(List<PendingWrite> Batch, long Started)>();
        while (true)
        {
            ready.Clear();
            while (_committedBatches.TryDequeue(out var item)) ready.Add(item);
            if (ready.Count == 0)
            {
                if (_writerDone) return;
                _committedWork.Reset();
                if (_committedBatches.IsEmpty && !_writerDone) _committedWork.Wait();
                continue;
            }
            try
            {
                _durability!.Wait();
                foreach (var (batch, started) in ready) Completed(batch, started);
            }
            catch (Exception ex)
            {
                foreach (var (batch, _) in ready) Failed(batch, ex);
            }
        }
    }

    private void Completed(List<PendingWrite> batch, long started)
    {
        Statistics.Add(batch.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        foreach (var write in batch) write.Done.TrySetResult();
    }

    private void Failed(List<PendingWrite> batch, Exception ex)
    {
        foreach (var write in batch) _committed.TryRemove(write.Record.Id, out _); // read again from the file
        foreach (var write in batch) write.Done.TrySetException(ex);
    }

    /// <summary>Commits so far: how many, how many writes they carried, how long they took (for the benchmarks and logs).</summary>
    public GroupCommitStatistics Statistics { get; } = new();

    private static List<PendingWrite> LatestPerKey(List<PendingWrite> batch)
    {
        var latest = new Dictionary<string, PendingWrite>(batch.Count);
        foreach (var write in batch) latest[write.Record.Id] = write;
        return [.. latest.Values];
    }

    private sealed record PendingWrite(DialogStateRecord Record, BsonDocument Document, TaskCompletionSource Done);

    private static DialogStateRecord Copy(DialogStateRecord r) =>
        new() { Id = r.Id, Json = r.Json, Version = r.Version, UpdatedUtc = r.UpdatedUtc, HandledActivities = r.HandledActivities };

    private void FailLeftovers()
    {
        while (_queue.TryDequeue(out var write))
            write.Done.TrySetException(new ObjectDisposedException(nameof(GroupCommitDialogStateStore)));
    }

    public void Dispose()
    {
        _disposed = true;
        _work.Set();
        var writerStopped = _writer.Join(TimeSpan.FromSeconds(5));
        _writerDone = true;
        _committedWork.Set();
        _syncer?.Join(TimeSpan.FromSeconds(5));
        if (writerStopped) FailLeftovers();
    }
}

public sealed class GroupCommitStatistics
{
    private long _commits, _writes, _ticks, _maxTicks;

    internal void Add(int writes, TimeSpan took)
    {
        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _writes, writes);
        Interlocked.Add(ref _ticks, took.Ticks);
        long max;
        while (took.Ticks > (max = Interlocked.Read(ref _maxTicks)) && Interlocked.CompareExchange(ref _maxTicks, took.Ticks, max) != max) { }
    }

    public (long Commits, long Writes, TimeSpan Total, TimeSpan Max) Snapshot() =>
        (Interlocked.Read(ref _commits), Interlocked.Read(ref _writes), TimeSpan.FromTicks(Interlocked.Read(ref _ticks)), TimeSpan.FromTicks(Interlocked.Read(ref _maxTicks)));
}
