using System.Diagnostics;
using ChatBot.Benchmarks.Micro;

namespace ChatBot.Benchmarks;

/// <summary>
/// One reminder tick of <see cref="ReminderScanBenchmarks"/> run in a loop for a while: for attaching `perf` to, and
/// for quick before/after comparisons (time, CPU and allocation per tick). `--alloc-by-type` also lists what the ticks
/// allocate, from the runtime's allocation-tick events (a sample every ~100 KB). `--warmup` seconds (default 5) run first.
/// </summary>
internal static class TickLoopMode
{
    // Counted over the timed ticks only. A page fault costs ~15 µs on this VM (a C probe touching fresh pages), so a
    // tick that needs fresh memory pays for it (the cold ticks after a full GC).
    private static int[] _gcs = new int[3];
    private static long _faults;

    private static int[] GcCounts() => [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];

    public static int Run(BenchOptions o, string tick)
    {
        var b = new ReminderScanBenchmarks();
        b.Setup();
        try
        {
            var cold = tick.Contains("-cold") || tick == "warm-up";
            var warmed = tick.EndsWith("-warmed", StringComparison.Ordinal);
            Func<int> run = tick switch
            {
                "monday" => b.MondaySweep,
                "monday-cold" => b.MondaySweepCold,
                "daily" => b.OverdueSweep,
                "daily-cold" => b.OverdueSweepCold,
                "monday-cold-outbox" => b.MondayTickIntoOutboxCold,
                "daily-warmed" => b.OverdueSweepAfterWarmUp,
                "monday-warmed" => b.MondaySweepAfterWarmUp,
                "warm-up" => () => { b.WarmUpAfterStart(); return 0; },
                _ => throw new ArgumentException($"unknown tick '{tick}': monday, monday-cold, monday-warmed, daily, daily-cold, daily-warmed, monday-cold-outbox, warm-up"),
            };
            int Tick()
            {
                if (cold) b.BuildColdSource(); // as BenchmarkDotNet's iteration setup: not timed
                if (warmed) b.BuildWarmedSource(); // a fresh source after the bot's warm-up at start: not timed either
                if (tick == "monday-cold-outbox") b.UnqueueMonday(); // its iteration cleanup: not timed either
                if (o.Flag("full-gc")) { GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect(); } // as BenchmarkDotNet does before each iteration
                var gcs = GcCounts();
                var faults = Machine.MinorPageFaults();
                var started = Stopwatch.GetTimestamp();
                run();
                var elapsed = (int)(Stopwatch.GetTimestamp() - started);
                _faults += Machine.MinorPageFaults() - faults;
                var after = GcCounts();
                for (var g = 0; g < 3; g++) _gcs[g] += after[g] - gcs[g];
                return elapsed;
            }
            // Warm-up by time, not by count: a 50 ms tick calls many methods only a few times, so the JIT's tier-1 code
            // for them arrives after seconds (a 2 s run measured 95 ms per tick, an 8 s run 47 ms, same build).
            var warmup = Stopwatch.StartNew();
            while (warmup.Elapsed.TotalSeconds < o.Int("warmup", 5)) Tick();
            Console.WriteLine($"looping {tick} in process {Environment.ProcessId}");
            using var allocations = o.Flag("alloc-by-type") ? new AllocationsByType() : null;
            using var jit = o.Flag("jit") ? new JitEvents() : null;
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var allocated0 = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            var n = 0;
            long ticks = 0;
            (_gcs, _faults) = (new int[3], 0);
            for (; clock.Elapsed.TotalSeconds < o.Int("seconds", 10); n++) ticks += Tick();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
            Console.WriteLine(FormattableString.Invariant(
                $"{tick}: {ticks * 1000.0 / Stopwatch.Frequency / n:F1} ms per tick over {n} ticks; per loop (setup included) CPU {cpu.TotalMilliseconds / n:F1} ms (GC threads included), {(GC.GetAllocatedBytesForCurrentThread() - allocated0) / n / 1e6:F1} MB allocated"));
            Console.WriteLine(FormattableString.Invariant(
                $"per tick: {_faults / (double)n:F0} minor page faults, GCs gen0 {_gcs[0] / (double)n:F2} gen1 {_gcs[1] / (double)n:F2} gen2 {_gcs[2] / (double)n:F2}"));
            return 0;
        }
        finally { b.Cleanup(); }
    }
}
