using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using ChatBot.Benchmarks.Micro;

namespace ChatBot.Benchmarks;

/// <summary>
/// One reminder tick of <see cref="ReminderScanBenchmarks"/> run in a loop for a while: for attaching `perf` to, and
/// for quick before/after comparisons (time, CPU and allocation per tick). `--alloc-by-type` also lists what the ticks
/// allocate, from the runtime's allocation-tick events (a sample every ~100 KB).
/// </summary>
internal static class TickLoopMode
{
    public static int Run(BenchOptions o, string tick)
    {
        var b = new ReminderScanBenchmarks();
        b.Setup();
        try
        {
            Func<int> run = tick switch
            {
                "monday" => b.MondaySweep,
                "monday-cold" => b.MondaySweepCold,
                "daily" => b.OverdueSweep,
                "daily-cold" => b.OverdueSweepCold,
                _ => throw new ArgumentException($"unknown tick '{tick}': monday, monday-cold, daily, daily-cold"),
            };
            for (var i = 0; i < 5; i++) run(); // warm-up
            Console.WriteLine($"looping {tick} in process {Environment.ProcessId}");
            using var allocations = o.Flag("alloc-by-type") ? new AllocationsByType() : null;
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var allocated0 = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            var n = 0;
            for (; clock.Elapsed.TotalSeconds < o.Int("seconds", 10); n++) run();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
            Console.WriteLine(FormattableString.Invariant(
                $"{tick}: {clock.Elapsed.TotalMilliseconds / n:F1} ms per tick over {n} ticks, CPU {cpu.TotalMilliseconds / n:F1} ms (GC threads included), {(GC.GetAllocatedBytesForCurrentThread() - allocated0) / n / 1e6:F1} MB allocated"));
            return 0;
        }
        finally { b.Cleanup(); }
    }

    private sealed class AllocationsByType : EventListener
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
}
