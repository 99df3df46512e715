using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace ChatBot.Benchmarks;

/// <summary>
/// Tallies the runtime's events of one kind while it is alive, by a key each event names, and prints the largest
/// entries on Dispose: what the process allocates (<see cref="AllocationsByType"/>), what the JIT compiles (<see cref="JitEvents"/>).
/// </summary>
internal abstract class RuntimeEventTally : EventListener
{
    // Field initializers run before EventListener's constructor, which may already deliver events.
    private readonly ConcurrentDictionary<string, long> _tally = new();

    /// <summary>The runtime event keywords to enable (a constant: called from the base constructor).</summary>
    protected abstract EventKeywords Keywords { get; }

    /// <summary>The key an event counts under and how much it adds, or null for events of no interest.</summary>
    protected abstract (string Key, long Amount)? Read(EventWrittenEventArgs e);

    /// <summary>Prints the tally (largest first).</summary>
    protected abstract void Print(IReadOnlyList<KeyValuePair<string, long>> largestFirst, long total);

    protected static object? Field(EventWrittenEventArgs e, string name) =>
        e.PayloadNames!.IndexOf(name) is >= 0 and var i ? e.Payload![i] : null;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, Keywords);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.Payload is null || e.PayloadNames is null || Read(e) is not { } entry) return;
        _tally.AddOrUpdate(entry.Key, entry.Amount, (_, v) => v + entry.Amount);
    }

    public override void Dispose()
    {
        base.Dispose();
        Print(_tally.OrderByDescending(kv => kv.Value).Take(25).ToList(), _tally.Values.Sum());
    }
}

/// <summary>
/// What the process allocates, by type: from the allocation-tick events (one about every 100 KB allocated, with the
/// type of the object that crossed the mark), so the shares are estimates.
/// </summary>
internal sealed class AllocationsByType : RuntimeEventTally
{
    protected override EventKeywords Keywords => (EventKeywords)0x1; // GC

    protected override (string Key, long Amount)? Read(EventWrittenEventArgs e) =>
        e.EventName == "GCAllocationTick_V4" ? (Field(e, "TypeName") as string ?? "?", Convert.ToInt64(Field(e, "AllocationAmount64"))) : null;

    protected override void Print(IReadOnlyList<KeyValuePair<string, long>> largestFirst, long total)
    {
        foreach (var (type, bytes) in largestFirst.Take(20))
            Console.WriteLine(FormattableString.Invariant($"{bytes * 100.0 / Math.Max(1, total),5:F1} %  {type}"));
    }
}

/// <summary>
/// Which methods the JIT compiles (MethodLoadVerbose events), by name. After the warm-up a steady loop should compile
/// almost nothing; what it still compiles are methods reaching tier 1 late, or code made at run time.
/// </summary>
internal sealed class JitEvents : RuntimeEventTally
{
    protected override EventKeywords Keywords => (EventKeywords)0x10; // JIT

    protected override (string Key, long Amount)? Read(EventWrittenEventArgs e) =>
        e.EventName?.StartsWith("MethodLoadVerbose") == true ? ($"{Field(e, "MethodNamespace")}::{Field(e, "MethodName")}", 1) : null;

    protected override void Print(IReadOnlyList<KeyValuePair<string, long>> largestFirst, long total)
    {
        Console.WriteLine($"{total} methods compiled");
        foreach (var (name, n) in largestFirst) Console.WriteLine($"{n,6}  {name}");
    }
}
