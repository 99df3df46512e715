using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace ChatBot.Benchmarks;

/// <summary>
/// Which methods the JIT compiles while it is alive (the runtime's MethodLoadVerbose events, JIT keyword), counted by
/// name and printed on Dispose. After the warm-up a steady loop should compile almost nothing; what it does compile is
/// code made at run time (dynamic methods, new generic instantiations).
/// </summary>
internal sealed class JitEvents : EventListener
{
    private readonly ConcurrentDictionary<string, int> _compiled = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x10); // JIT keyword
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is null || !e.EventName.StartsWith("MethodLoadVerbose") || e.Payload is null || e.PayloadNames is null) return;
        string Field(string name) => e.PayloadNames.IndexOf(name) is >= 0 and var i ? e.Payload[i]?.ToString() ?? "" : "";
        _compiled.AddOrUpdate($"{Field("MethodNamespace")}::{Field("MethodName")}", 1, (_, n) => n + 1);
    }

    public override void Dispose()
    {
        base.Dispose();
        Console.WriteLine($"{_compiled.Values.Sum()} methods compiled");
        foreach (var (name, n) in _compiled.OrderByDescending(kv => kv.Value).Take(25))
            Console.WriteLine($"{n,6}  {name}");
    }
}
