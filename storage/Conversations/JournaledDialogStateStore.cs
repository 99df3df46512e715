using System.Buffers;
using System.Collections.Concurrent;
using ChatBot.Storage.Engine;
using LiteDB;

namespace ChatBot.Storage.Conversations;

/// <summary>
/// Dialog state, saved once per turn by every conversation, is made durable by appending it to a journal of its own
/// (<see cref="DialogStateJournal"/>) and only later copied into LiteDB. A LiteDB commit writes whole 8 KB pages and
/// hands them through two threads; one append of a few hundred bytes plus one fdatasync, shared by every save waiting
/// at the time (group commit), costs a fraction of that. <see cref="SaveAsync"/> completes only once its entry is on
/// disk, so a turn is still durable before it is acknowledged.
/// Journal files are made in advance, zero-filled to a fixed capacity, by a background thread. When the current one is
/// full the writer moves on to the next, and the background thread checkpoints the full one: it writes that file's latest
/// state per key into LiteDB (many turns of one conversation become one document write), commits, and deletes the file. On start, journal files left by a crash are replayed into LiteDB before anything else.
/// This store is the only writer of the dialog-state collection, so what it holds in memory is the truth: saved state
/// not yet in LiteDB is found in the generation maps, the busy conversations' state in a small cache.
/// </summary>
public sealed class JournaledDialogStateStore : IDialogStateStore, IDisposable
{
    private const int MaxBatch = 512;
    private const int MaxCached = 4_096;
    private const int CheckpointChunk = 256;
    private const int DefaultCapacity = 4 * 1024 * 1024;

    private readonly LiteDatabase _db;
    private readonly string? _databaseFile; // null: a database without a file (in memory); writes go straight to LiteDB
    private readonly int _capacity;
    private readonly ConcurrentQueue<PendingWrite> _queue = new();
    // No spinning before blocking: on a two-core machine a spinning writer takes the CPU the turns it waits for need.
    private readonly ManualResetEventSlim _work = new(false, spinCount: 0);
    private readonly Thread _writer;
    /// <summary>A batch smaller than this waits for one yield of the writer thread before it is written.</summary>
    private const int GatherBelow = 8;
    private volatile bool _disposed;

    // Saved state per key, by journal generation; a removed key maps to null. Only the writer thread adds to them.
    private DialogStateJournal? _journal;
    private DialogStateJournal? _prepared; // the next file, made ready by the checkpoint thread (the only one that makes files)
    private long _lastGeneration;
    private volatile ConcurrentDictionary<string, DialogStateRecord?> _active = new();
    private volatile Sealed[] _sealed = []; // written, waiting for their checkpoint; oldest first
    private readonly object _sealedGate = new();
    private readonly AutoResetEvent _checkpointWork = new(false);
    private readonly Thread? _checkpointer;
    private volatile bool _stopping;

    // The busy conversations' state, read or saved lately; null = known to have none. Cleared when full.
    private readonly ConcurrentDictionary<string, DialogStateRecord?> _cached = new();

    private static readonly ConcurrentDictionary<string, byte> OpenJournals = new(StringComparer.Ordinal);
    private readonly Action<Exception>? _onBackgroundError;

    public JournaledDialogStateStore(LiteDatabase db) : this(db, DefaultCapacity) { }

    /// <param name="onBackgroundError">Told when a checkpoint or the preparation of the next file fails (it is tried
    /// again; nothing is lost, the journal files stay until their checkpoint succeeds).</param>
    public JournaledDialogStateStore(LiteDatabase db, Action<Exception>? onBackgroundError) : this(db, DefaultCapacity, onBackgroundError) { }

    /// <param name="capacity">Size of a journal file; when it is full the writer moves to the next and this one is checkpointed.</param>
    internal JournaledDialogStateStore(LiteDatabase db, int capacity, Action<Exception>? onBackgroundError = null)
    {
        _db = db;
        _capacity = capacity;
        _onBackgroundError = onBackgroundError;
        _databaseFile = ChatBotDatabase.FileOf(db);
        if (_databaseFile is not null)
        {
            // A second store would replay and delete the first one's live journal files.
            if (!OpenJournals.TryAdd(_databaseFile, 0))
                throw new InvalidOperationException($"The database '{_databaseFile}' already has a dialog-state store in this process; its journal can have only one writer.");
            try
            {
                _lastGeneration = Recover(_databaseFile);
                _journal = DialogStateJournal.Create(_databaseFile, ++_lastGeneration, _capacity);
            }
            catch
            {
                OpenJournals.TryRemove(_databaseFile, out _);
                throw;
            }
            _checkpointer = new Thread(CheckpointLoop) { IsBackground = true, Name = "dialog-state-checkpoint" };
            _checkpointer.Start();
        }
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "dialog-state-journal" };
        _writer.Start();
    }

    /// <summary>Group commits so far: how many, how many saves they carried, how long they took (benchmarks and logs).</summary>
    public GroupCommitStatistics Statistics { get; } = new();

    /// <summary>The last checkpoint or file preparation that failed and will be tried again (journal files stay until their checkpoint succeeds).</summary>
    public Exception? LastCheckpointError { get; private set; }

    private ILiteCollection<DialogStateRecord> States => _db.GetCollection<DialogStateRecord>(ChatBotDatabase.DialogState);

    public DialogStateRecord? Load(string key)
    {
        if (_cached.TryGetValue(key, out var cached)) return Copy(cached);
        // Newest first. _active is read before _sealed: a rotation publishes the sealed map before replacing _active,
        // and a checkpoint drops a sealed map only after LiteDB has its state.
        if (_active.TryGetValue(key, out var saved)) return Copy(saved);
        var sealedMaps = _sealed;
        for (var i = sealedMaps.Length - 1; i >= 0; i--)
            if (sealedMaps[i].States.TryGetValue(key, out saved)) return Copy(saved);
        var stored = States.FindById(key);
        Remember(key, stored);
        return stored;
    }

    public Task SaveAsync(DialogStateRecord record, CancellationToken ct = default)
    {
        var copy = Copy(record)!;
        return Enqueue(copy.Id, copy, _databaseFile is null ? null : DialogStateJournal.Entry(DialogStateJournal.Upsert, _db.Mapper.ToDocument(copy)));
    }

    public void Delete(string key) =>
        Enqueue(key, null, _databaseFile is null ? null : DialogStateJournal.Entry(DialogStateJournal.Delete, new BsonDocument { ["_id"] = key }))
            .GetAwaiter().GetResult();

    private Task Enqueue(string key, DialogStateRecord? record, byte[]? entry)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_disposed)
            done.SetException(new ObjectDisposedException(nameof(JournaledDialogStateStore)));
        else
        {
            _queue.Enqueue(new PendingWrite(key, record, entry, done));
            _work.Set();
            if (_disposed && !_writer.IsAlive) FailLeftovers(); // raced with Dispose: nobody will write it
        }
        return done.Task;
    }

    private void WriteLoop()
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        var batch = new List<PendingWrite>(MaxBatch);
        while (true)
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.TryDequeue(out var item)) batch.Add(item);
            if (batch.Count is > 0 and < GatherBelow)
            {
                // The first save woke this thread; turns running meanwhile are about to save too. One yield lets them
                // join this sync instead of the next one: batches went from ~4 to ~7 saves under load, with half the
                // fsyncs and less CPU per turn (interleaved runs in docs/BENCHMARKS.md).
                Thread.Yield();
                while (batch.Count < MaxBatch && _queue.TryDequeue(out var more)) batch.Add(more);
            }
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
                if (_journal is null) WriteThrough(batch);
                else
                {
                    buffer.ResetWrittenCount();
                    foreach (var write in batch) buffer.Write(write.Entry);
                    // Full (or broken by a failed write): move to the next file. None ready yet: append past the
                    // capacity (slower, still correct); a broken file fails the batch until the next one is ready.
                    if (_journal.Broken || (_journal.Length > 0 && _journal.Length + buffer.WrittenCount > _journal.Capacity)) TryRotate();
                    _journal.AppendAndSync(buffer.WrittenSpan);
                }
            }
            catch (Exception ex)
            {
                foreach (var write in batch) write.Done.TrySetException(ex);
                if (_journal is { Broken: true }) TryRotate(); // go on in the next file; this one is whole up to the failure
                continue;
            }
            var active = _active;
            foreach (var write in batch)
            {
                if (_journal is not null) active[write.Key] = write.Record;
                Remember(write.Key, write.Record);
            }
            Statistics.Add(batch.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            foreach (var write in batch) write.Done.TrySetResult();
        }
    }

    /// <summary>Without a file there is no journal: the batch is one LiteDB transaction.</summary>
    private void WriteThrough(List<PendingWrite> batch)
    {
        var latest = new Dictionary<string, DialogStateRecord?>(batch.Count);
        foreach (var write in batch) latest[write.Key] = write.Record;
        Apply(latest);
    }

    /// <summary>Moves to the prepared journal file, if there is one, and hands the current one to the checkpoint.</summary>
    private void TryRotate()
    {
        if (Interlocked.Exchange(ref _prepared, null) is not { } next)
        {
            _checkpointWork.Set(); // ask for one
            return;
        }
        var old = _journal!;
        old.Dispose();
        lock (_sealedGate) _sealed = [.. _sealed, new Sealed(old.Path, _active)];
        _active = new ConcurrentDictionary<string, DialogStateRecord?>();
        _journal = next;
        _checkpointWork.Set();
    }

    /// <summary>Keeps the next journal file ready, and writes sealed generations into LiteDB, oldest first, then deletes their files.</summary>
    private void CheckpointLoop()
    {
        while (true)
        {
            var prepareFailed = false;
            if (Volatile.Read(ref _prepared) is null && !_stopping)
            {
                try { Volatile.Write(ref _prepared, DialogStateJournal.Create(_databaseFile!, ++_lastGeneration, _capacity)); }
                catch (Exception ex)
                {
                    // The writer appends past the full file meanwhile; checkpoints go on.
                    BackgroundFailed(ex);
                    prepareFailed = true;
                }
            }
            var sealedMaps = _sealed;
            if (sealedMaps.Length == 0)
            {
                if (_stopping) return;
                if (prepareFailed) _checkpointWork.WaitOne(TimeSpan.FromSeconds(1));
                else _checkpointWork.WaitOne();
                continue;
            }
            var oldest = sealedMaps[0];
            try
            {
                Apply(oldest.States);
                DialogStateJournal.Remove(oldest.Path);
                LastCheckpointError = null;
            }
            catch (Exception ex)
            {
                // The journal file stays, so nothing is lost; the states stay readable from the sealed map meanwhile.
                BackgroundFailed(ex);
                if (_stopping) return; // replayed at the next start
                _checkpointWork.WaitOne(TimeSpan.FromSeconds(1));
                continue;
            }
            lock (_sealedGate) _sealed = _sealed[1..];
        }
    }

    private void BackgroundFailed(Exception ex)
    {
        var first = LastCheckpointError is null; // report the first failure of a run of them, not one a second
        LastCheckpointError = ex;
        if (first) _onBackgroundError?.Invoke(ex);
    }

    /// <summary>Writes the states into LiteDB in a few durable transactions (a replay writes them again harmlessly).</summary>
    private void Apply(IEnumerable<KeyValuePair<string, DialogStateRecord?>> states)
    {
        var documents = _db.GetCollection(ChatBotDatabase.DialogState);
        foreach (var chunk in states.Chunk(CheckpointChunk))
        {
            _db.InTransaction(() =>
            {
                foreach (var (key, record) in chunk)
                {
                    if (record is null) documents.Delete(key);
                    else documents.Upsert(_db.Mapper.ToDocument(record));
                }
            });
        }
    }

    /// <summary>Replays journal files left by an earlier process into LiteDB and removes them; returns the last generation
    /// they used (new files get higher ones, so the order of files is the order of writes).</summary>
    private long Recover(string databaseFile)
    {
        var files = DialogStateJournal.Existing(databaseFile);
        if (files.Count == 0) return 0;
        var latest = new Dictionary<string, DialogStateRecord?>();
        foreach (var (_, path) in files)
            foreach (var (kind, document) in DialogStateJournal.Read(path))
                latest[document["_id"].AsString] = kind == DialogStateJournal.Delete ? null : _db.Mapper.ToObject<DialogStateRecord>(document);
        Apply(latest);
        foreach (var (_, path) in files) DialogStateJournal.Remove(path);
        return files[^1].Generation;
    }

    /// <summary>
    /// Saved state not yet checkpointed into LiteDB, oldest first (apply in order; a later entry of a key wins; null =
    /// removed). A backup calls it while it holds LiteDB exclusively, so no checkpoint runs meanwhile: every save
    /// acknowledged before the call is here or already in LiteDB. _active is read before _sealed, as in <see cref="Load"/>.
    /// </summary>
    internal List<KeyValuePair<string, DialogStateRecord?>> PendingStates()
    {
        var active = _active;
        var sealedMaps = _sealed;
        var pending = new List<KeyValuePair<string, DialogStateRecord?>>();
        foreach (var s in sealedMaps) pending.AddRange(s.States.Select(kv => KeyValuePair.Create(kv.Key, Copy(kv.Value))));
        // A rotation between the two reads sealed the map read as active: it is in the list already, with newer ones after it.
        if (!sealedMaps.Any(s => ReferenceEquals(s.States, active)))
            pending.AddRange(active.Select(kv => KeyValuePair.Create(kv.Key, Copy(kv.Value))));
        return pending;
    }

    private void Remember(string key, DialogStateRecord? record)
    {
        if (_cached.Count >= MaxCached) _cached.Clear();
        _cached[key] = record;
    }

    private static DialogStateRecord? Copy(DialogStateRecord? r) => r is null ? null :
        new() { Id = r.Id, Json = r.Json, Version = r.Version, UpdatedUtc = r.UpdatedUtc, HandledActivities = r.HandledActivities };

    private void FailLeftovers()
    {
        while (_queue.TryDequeue(out var write))
            write.Done.TrySetException(new ObjectDisposedException(nameof(JournaledDialogStateStore)));
    }

    /// <summary>Stops taking saves, writes what is queued, and checkpoints everything into LiteDB (so a clean stop leaves
    /// no journal). What cannot be checkpointed stays in its journal file and is replayed at the next start.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _work.Set();
        var writerStopped = _writer.Join(TimeSpan.FromSeconds(10));
        if (writerStopped) FailLeftovers();
        if (_checkpointer is null) return;
        if (writerStopped && _journal is { } last)
        {
            last.Dispose();
            lock (_sealedGate) _sealed = [.. _sealed, new Sealed(last.Path, _active)];
        }
        _stopping = true;
        _checkpointWork.Set();
        if (!_checkpointer.Join(TimeSpan.FromSeconds(30))) return; // still checkpointing: the file stays claimed
        if (Interlocked.Exchange(ref _prepared, null) is { } unused)
        {
            unused.Dispose();
            try { DialogStateJournal.Remove(unused.Path); } catch (IOException) { } // holds no entries; removed at the next start
        }
        OpenJournals.TryRemove(_databaseFile!, out _);
    }

    private sealed record PendingWrite(string Key, DialogStateRecord? Record, byte[]? Entry, TaskCompletionSource Done);

    /// <summary>A journal file that takes no more entries, and the latest state per key it holds.</summary>
    private sealed record Sealed(string Path, ConcurrentDictionary<string, DialogStateRecord?> States);
}
