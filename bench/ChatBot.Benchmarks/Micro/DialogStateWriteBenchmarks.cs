using BenchmarkDotNet.Attributes;
using ChatBot.Storage;
using ChatBot.Storage.Conversations;
using LiteDB;

namespace ChatBot.Benchmarks.Micro;

/// <summary>
/// Why dialog state has a journal of its own: 50 state writes as 50 LiteDB auto-commits, as one explicit LiteDB
/// transaction, and through <see cref="JournaledDialogStateStore"/> from 50 concurrent turns (one append + fdatasync).
/// </summary>
[MemoryDiagnoser]
public class DialogStateWriteBenchmarks
{
    private const int Writes = 50;
    private BenchDatabase _file = null!;
    private LiteDatabase _db = null!;
    private JournaledDialogStateStore _group = null!;
    private LiteDbDialogStateStore _auto = null!;
    private int _round;

    [GlobalSetup]
    public void Setup()
    {
        _file = new BenchDatabase("state.db");
        _db = _file.Db;
        _group = new JournaledDialogStateStore(_db);
        _auto = new LiteDbDialogStateStore(_db);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _group.Dispose();
        _file.Dispose();
    }

    private DialogStateRecord Record(int i) => new()
    {
        Id = $"msteams:tenant:19:conv-{i}@thread.v2:user-{i}",
        Json = $"{{\"stack\":[{{\"id\":\"bench.survey\",\"state\":{{\"step\":{_round % 5},\"values\":{{\"name\":\"张三\",\"people\":12}}}}}}]}}",
        Version = _round,
        UpdatedUtc = DateTimeOffset.UtcNow,
    };

    [Benchmark(Baseline = true, OperationsPerInvoke = Writes, Description = "auto-commit per write")]
    public void AutoCommit()
    {
        _round++;
        for (var i = 0; i < Writes; i++) _auto.SaveAsync(Record(i)).GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = Writes, Description = "50 writes, one transaction")]
    public void OneTransaction()
    {
        _round++;
        var states = _db.GetCollection<DialogStateRecord>(ChatBotDatabase.DialogState);
        _db.BeginTrans();
        for (var i = 0; i < Writes; i++) states.Upsert(Record(i));
        _db.Commit();
    }

    [Benchmark(OperationsPerInvoke = Writes, Description = "journaled store, 50 concurrent saves")]
    public void GroupCommit()
    {
        _round++;
        var saves = new Task[Writes];
        for (var i = 0; i < Writes; i++) saves[i] = _group.SaveAsync(Record(i));
        Task.WaitAll(saves);
    }
}
