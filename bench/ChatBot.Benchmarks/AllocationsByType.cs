using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace ChatBot.Benchmarks;

/// <summary>
/// What the process allocates, by type, while it is alive: from the runtime's allocation-tick events (one about every
/// 100 KB allocated, with the type of the object that crossed the mark), so the shares are estimates. Printed on Dispose.
/// </summary>
internal sealed class AllocationsByType : EventListener
{
    private readonly ConcurrentDictionary<string, long> _bytes = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName != "GCAllocationTick_V4" || e.Payload is null || e.PayloadNames is null) return;
        var type = e.Payload[e.PayloadNames.IndexOf("TypeName")] as string ?? "?";
        var amount = Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf("AllocationAmount64")]);
        _bytes.AddOrUpdate(type, amount, (_, v) => v + amount);
    }

    public override void Dispose()
    {
        base.Dispose();
        var total = Math.Max(1, _bytes.Values.Sum());
        foreach (var (type, bytes) in _bytes.OrderByDescending(kv => kv.Value).Take(20))
            Console.WriteLine(FormattableString.Invariant($"{bytes * 100.0 / total,5:F1} %  {type}"));
    }
}
