using System.Threading.Channels;
using LiteDB;

namespace ChatBot.Storage.Conversations;

/// <summary>
/// Dialog state writes from many concurrent turns share one LiteDB transaction: a LiteDB commit costs a flush, so
/// ~1,000 separate commits a second is the ceiling, while 50 writes in one commit cost about the same as one.
/// <see cref="SaveAsync"/> completes only after the transaction holding the write has committed, so a turn is still
/// durable before it is acknowledged. One writer thread owns the transactions (LiteDB transactions are per thread).
/// </summary>
public sealed class GroupCommitDialogStateStore : IDialogStateStore, IDisposable
{
    private const int MaxBatch = 256;
    private readonly LiteDatabase _db;
    private readonly Channel<(DialogStateRecord Record, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(DialogStateRecord, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _writer;

    public GroupCommitDialogStateStore(LiteDatabase db)
    {
        _db = db;
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "dialog-state-group-commit" };
        _writer.Start();
    }

    private ILiteCollection<DialogStateRecord> States => _db.GetCollection<DialogStateRecord>(ChatBotDatabase.DialogState);

    public DialogStateRecord? Load(string key) => States.FindById(key);

    public Task SaveAsync(DialogStateRecord record, CancellationToken ct = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((Copy(record), done)))
            done.SetException(new ObjectDisposedException(nameof(GroupCommitDialogStateStore)));
        return done.Task;
    }

    public void Delete(string key) => States.Delete(key);

    private void WriteLoop()
    {
        var reader = _queue.Reader;
        var batch = new List<(DialogStateRecord Record, TaskCompletionSource Done)>(MaxBatch);
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var item)) batch.Add(item);
            try
            {
                _db.BeginTrans();
                // The last write of a key in the batch wins; earlier ones are superseded.
                foreach (var latest in batch.GroupBy(b => b.Record.Id).Select(g => g.Last().Record))
                    States.Upsert(latest);
                _db.Commit();
                foreach (var (_, done) in batch) done.TrySetResult();
            }
            catch (Exception ex)
            {
                try { _db.Rollback(); } catch (LiteException) { }
                foreach (var (_, done) in batch) done.TrySetException(ex);
            }
        }
    }

    private static DialogStateRecord Copy(DialogStateRecord r) =>
        new() { Id = r.Id, Json = r.Json, Version = r.Version, UpdatedUtc = r.UpdatedUtc };

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _writer.Join(TimeSpan.FromSeconds(5));
    }
}
