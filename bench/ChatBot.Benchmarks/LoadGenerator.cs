using System.Diagnostics;
using System.Net;

namespace ChatBot.Benchmarks;

internal sealed record LoadResult(string Name, int Connections, long Turns, double Seconds, long Errors, long Replies, double[] LatenciesMs, double CpuMs = 0, long AllocatedBytes = 0, long PageFaults = 0, long ContextSwitches = 0)
{
    /// <summary>How long the clients ran before the measured window (the minimum, or longer until the JIT settled).</summary>
    public double WarmupSeconds { get; init; }
    /// <summary>Methods the JIT compiled inside the measured window: near zero means the window saw steady-state code.</summary>
    public long JitCompiled { get; init; }
    /// <summary>Bytes allocated by the whole process per turn (bot, connector, clients): what drives GC pauses.</summary>
    public double AllocatedKbPerTurn => Turns == 0 ? double.NaN : AllocatedBytes / 1024.0 / Turns;
    /// <summary>Process CPU time (bot, fake connector and load clients together) per turn: steadier than turns/s on a shared machine.</summary>
    public double CpuMicrosecondsPerTurn => Turns == 0 ? double.NaN : CpuMs * 1000 / Turns;
    public double TurnsPerSecond => Turns / Seconds;
    /// <summary>Minor page faults of the process per turn: ~15 µs each on this VM, so fresh memory shows up as CPU.</summary>
    public double PageFaultsPerTurn => Turns == 0 ? double.NaN : PageFaults / (double)Turns;
    public double ContextSwitchesPerTurn => Turns == 0 ? double.NaN : ContextSwitches / (double)Turns;
    public double Percentile(double p)
    {
        if (LatenciesMs.Length == 0) return double.NaN;
        var i = (int)Math.Ceiling(p / 100 * LatenciesMs.Length) - 1;
        return LatenciesMs[Math.Clamp(i, 0, LatenciesMs.Length - 1)];
    }
}

/// <summary>
/// Closed-loop HTTP load: each of N clients owns one group conversation and posts its next turn as soon as the previous
/// POST returned. The bot sends its reply through the connector inside the turn, so a returned POST is an answered turn.
/// </summary>
internal sealed class LoadGenerator(HttpClient client, string serviceUrl, bool rawClient = false)
{
    private static int _run;

    /// <summary>
    /// Runs the clients for at least <paramref name="warmup"/>, then until the JIT has settled (fewer than
    /// <see cref="SettledJitPerSecond"/> methods compiled in the last second, at most <see cref="MaxWarmup"/>), then
    /// measures for <paramref name="duration"/>. Tiered compilation keeps recompiling hot methods for tens of seconds
    /// after a start; a running bot is past that, so the measured window should be too.
    /// </summary>
    public async Task<LoadResult> RunAsync(string name, string path, int connections, TimeSpan warmup, TimeSpan duration,
        Func<long> repliesSoFar, bool dialog)
    {
        var run = Interlocked.Increment(ref _run);
        long measureFrom = long.MaxValue, stopAt = long.MaxValue, errors = 0;
        var perClient = new List<double>[connections];

        var clients = Enumerable.Range(0, connections).Select(i => Task.Run(async () =>
        {
            var latencies = perClient[i] = new List<double>(64 * 1024);
            var conversation = $"19:bench-{run}-{i}@thread.v2";
            var user = $"bench-user-{i}";
            var step = 0;
            using var raw = rawClient ? new RawHttpConnection(client.BaseAddress!) : null;
            if (raw is not null) await raw.ConnectAsync();
            var templates = raw is null ? [] : (dialog ? BenchSurveyDialog.Script : ["ping"]).Select(t => new ActivityTemplate(serviceUrl, conversation, user, t)).ToArray();
            while (true)
            {
                var t0 = Stopwatch.GetTimestamp();
                if (t0 >= Interlocked.Read(ref stopAt)) break;
                bool ok;
                if (raw is not null)
                {
                    try { ok = await raw.PostAsync(path, templates[step++ % templates.Length].Next()) == 200; }
                    catch (Exception ex) when (ex is HttpRequestException or System.Net.Sockets.SocketException)
                    {
                        // The connection's state is unknown after a failure: count it and stop this client.
                        Interlocked.Increment(ref errors);
                        break;
                    }
                }
                else
                {
                    var text = dialog ? BenchSurveyDialog.Script[step++ % BenchSurveyDialog.Script.Length] : "ping";
                    using var content = new ByteArrayContent(BenchActivities.GroupMention(serviceUrl, conversation, user, text));
                    content.Headers.ContentType = new("application/json");
                    try
                    {
                        using var response = await client.PostAsync(path, content);
                        ok = response.StatusCode == HttpStatusCode.OK;
                    }
                    catch (HttpRequestException) { ok = false; }
                }
                var t1 = Stopwatch.GetTimestamp();
                if (t0 < Interlocked.Read(ref measureFrom)) continue;
                if (!ok) { Interlocked.Increment(ref errors); continue; }
                latencies.Add((t1 - t0) * 1000.0 / Stopwatch.Frequency);
            }
        })).ToArray();

        var warmedFor = await WarmUpAsync(warmup, clients);
        var at = new Counters(repliesSoFar);
        Interlocked.Exchange(ref stopAt, Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency));
        Interlocked.Exchange(ref measureFrom, Stopwatch.GetTimestamp());
        await Task.WhenAll(clients);
        var end = Stopwatch.GetTimestamp();
        var after = new Counters(repliesSoFar);
        var all = perClient.SelectMany(l => l).ToArray();
        Array.Sort(all);
        var seconds = (end - Interlocked.Read(ref measureFrom)) / (double)Stopwatch.Frequency;
        return new LoadResult(name, connections, all.Length, seconds, errors, after.Replies - at.Replies, all,
            TimeSpan.FromTicks(after.CpuTicks - at.CpuTicks).TotalMilliseconds, after.Allocated - at.Allocated, after.Faults - at.Faults, after.Switches - at.Switches)
        {
            WarmupSeconds = warmedFor.TotalSeconds,
            JitCompiled = after.Jitted - at.Jitted,
        };
    }

    /// <summary>Methods compiled per second below which the JIT counts as settled.</summary>
    public const int SettledJitPerSecond = 20;
    public static readonly TimeSpan MaxWarmup = TimeSpan.FromSeconds(60);

    private static async Task<TimeSpan> WarmUpAsync(TimeSpan minimum, Task[] clients)
    {
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(minimum);
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        while (Stopwatch.GetElapsedTime(started) < MaxWarmup && !clients.Any(c => c.IsCompleted))
        {
            await Task.Delay(1000);
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now - compiled < SettledJitPerSecond) break;
            compiled = now;
        }
        return Stopwatch.GetElapsedTime(started);
    }

    private readonly record struct Counters(long Replies, long CpuTicks, long Allocated, long Faults, long Jitted, long Switches)
    {
        public Counters(Func<long> repliesSoFar) : this(repliesSoFar(), CpuTicksNow(), GC.GetTotalAllocatedBytes(),
            Machine.MinorPageFaults(), System.Runtime.JitInfo.GetCompiledMethodCount(), Machine.ContextSwitches()) { }
    }

    private static long CpuTicksNow() { using var p = Process.GetCurrentProcess(); return p.TotalProcessorTime.Ticks; }

    public static HttpClient NewClient(Uri baseAddress, int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseProxy = false,
    })
    { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public static LoadResult Merge(IReadOnlyList<LoadResult> rounds)
    {
        var all = rounds.SelectMany(r => r.LatenciesMs).ToArray();
        Array.Sort(all);
        return new LoadResult(rounds[0].Name, rounds[0].Connections, rounds.Sum(r => r.Turns), rounds.Sum(r => r.Seconds),
            rounds.Sum(r => r.Errors), rounds.Sum(r => r.Replies), all, rounds.Sum(r => r.CpuMs), rounds.Sum(r => r.AllocatedBytes), rounds.Sum(r => r.PageFaults), rounds.Sum(r => r.ContextSwitches))
        {
            WarmupSeconds = rounds.Sum(r => r.WarmupSeconds),
            JitCompiled = rounds.Sum(r => r.JitCompiled),
        };
    }
}
