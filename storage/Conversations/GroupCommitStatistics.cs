using System.Buffers;
using System.Collections.Concurrent;
using ChatBot.Storage.Engine;
using LiteDB;

namespace ChatBot.Storage.Conversations;

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
