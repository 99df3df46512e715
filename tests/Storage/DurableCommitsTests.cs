using System.Reflection;
using ChatBot.Storage;
using ChatBot.Storage.Engine;
using ChatBot.Tests.Infrastructure;
using LiteDB;
using LiteDB.Engine;

namespace ChatBot.Tests.Storage;

/// <summary>
/// LiteDB 5.0.20 returns from Commit before its background writer has put the log pages in the file. The bot's engine
/// waits for that writer and an fsync, so a confirmed write survives a SIGKILL or power cut.
/// </summary>
public class DurableCommitsTests
{
    [Fact]
    public void A_write_is_in_the_files_when_it_returns_so_a_copy_taken_then_has_it()
    {
        var path = TempPaths.NewDatabase();
        using var db = ChatBotDatabase.Open(path);
        var audit = db.GetCollection(ChatBotDatabase.Audit);
        for (var i = 1; i <= 40; i++)
        {
            audit.Insert(new BsonDocument { ["_id"] = i, ["text"] = new string('x', 3000) }); // auto-commit
            db.BeginTrans();
            audit.Insert(new BsonDocument { ["_id"] = -i });
            db.Commit(); // explicit transaction

            // What a process killed right now leaves behind: the data file and the log file as they are on disk.
            var copy = TempPaths.NewDatabase();
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(path, copy);
            var log = DurableCommits.LogFileOf(path);
            if (File.Exists(log)) File.Copy(log, DurableCommits.LogFileOf(copy));
            using var reopened = new LiteDatabase(new ConnectionString { Filename = copy, ReadOnly = false });
            Assert.NotNull(reopened.GetCollection(ChatBotDatabase.Audit).FindById(i));
            Assert.NotNull(reopened.GetCollection(ChatBotDatabase.Audit).FindById(-i));
        }
    }

    [Fact]
    public async Task A_write_does_not_return_while_the_log_writer_has_not_written_it()
    {
        var path = TempPaths.NewDatabase();
        using var db = ChatBotDatabase.Open(path);
        var audit = db.GetCollection(ChatBotDatabase.Audit);
        audit.Insert(new BsonDocument { ["_id"] = 1 }); // creates the log writer
        using var stalled = StallLogWriter(db);

        var write = Task.Run(() => audit.Insert(new BsonDocument { ["_id"] = 2 }));
        Assert.False(await Task.WhenAny(write, Task.Delay(400)) == write, "the write returned before its pages were written");
        stalled.Release();
        await write.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(stalled.PagesWritten > 0);
        Assert.NotNull(audit.FindById(2));
    }

    [Fact]
    public async Task Many_writers_with_frequent_checkpoints_lose_nothing_and_the_file_reopens()
    {
        var path = TempPaths.NewDatabase();
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
        using (var db = ChatBotDatabase.Open(path))
        {
            db.Pragma("CHECKPOINT", 40); // a checkpoint every 40 log pages, so many run during the writes
            using var store = new ChatBot.Storage.Conversations.JournaledDialogStateStore(db, capacity: 16 * 1024); // many journal checkpoints too
            var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                for (var i = 0; i < 60; i++)
                {
                    var id = $"w{w}-{i}";
                    switch (i % 3)
                    {
                        case 0: // auto-commit
                            db.GetCollection(ChatBotDatabase.Audit).Insert(new BsonDocument { ["_id"] = id, ["text"] = new string('a', 500 + i) });
                            break;
                        case 1: // explicit transaction, as the feature stores do
                            db.BeginTrans();
                            db.GetCollection(ChatBotDatabase.Audit).Insert(new BsonDocument { ["_id"] = id });
                            db.Commit();
                            break;
                        default: // dialog state through its journal
                            await store.SaveAsync(new ChatBot.Storage.Conversations.DialogStateRecord { Id = id, Json = "{\"n\":" + i + "}", Version = 1 });
                            break;
                    }
                    acknowledged.Add(id);
                }
            })).ToArray();
            await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60));
        }

        using var reopened = ChatBotDatabase.Open(path);
        var audit = reopened.GetCollection(ChatBotDatabase.Audit);
        var states = reopened.GetCollection(ChatBotDatabase.DialogState);
        Assert.Equal(8 * 60, acknowledged.Count);
        Assert.All(acknowledged, id => Assert.True(audit.FindById(id) is not null || states.FindById(id) is not null, $"{id} was acknowledged but is missing"));
    }

    [Fact]
    public void Waiting_on_the_log_file_works_with_the_LiteDB_version_in_use() =>
        DurableCommits.EnsureBindable(); // throws when LiteDB's internals moved (a LiteDB upgrade must revisit DurableCommits)

    /// <summary>Puts a gate in front of the stream LiteDB's background log writer writes to.</summary>
    private static GatedStream StallLogWriter(LiteDatabase db)
    {
        const BindingFlags Any = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;
        var serialized = typeof(LiteDatabase).GetField("_engine", Any)!.GetValue(db)!;
        var engine = (LiteEngine)serialized.GetType().GetFields(Any).Single(f => f.FieldType == typeof(ILiteEngine)).GetValue(serialized)!;
        var disk = typeof(LiteEngine).GetField("_disk", Any)!.GetValue(engine)!;
        var lazy = disk.GetType().GetProperty("Queue", Any)!.GetValue(disk)!;
        var queue = lazy.GetType().GetProperty("Value")!.GetValue(lazy)!;
        var streamField = queue.GetType().GetField("_stream", Any)!;
        var gated = new GatedStream((Stream)streamField.GetValue(queue)!);
        streamField.SetValue(queue, gated);
        return gated;
    }

    private sealed class GatedStream(Stream inner) : Stream
    {
        private readonly ManualResetEventSlim _open = new(false);
        private int _pages;
        public int PagesWritten => Volatile.Read(ref _pages);
        public void Release() => _open.Set();
        public override void Write(byte[] buffer, int offset, int count)
        {
            _open.Wait();
            inner.Write(buffer, offset, count);
            Interlocked.Increment(ref _pages);
        }
        public override void Flush() { _open.Wait(); inner.Flush(); }
        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => inner.CanWrite;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => inner.SetLength(value);
        protected override void Dispose(bool disposing) { _open.Set(); base.Dispose(disposing); }
    }
}
