using System.Diagnostics;
using System.Net;

namespace ChatBot.Benchmarks;

internal sealed record LoadResult(string Name, int Connections, long Turns, double Seconds, long Errors, long Replies, double[] LatenciesMs, double CpuMs = 0, long AllocatedBytes = 0, long PageFaults = 0)
{
    /// <summary>Bytes allocated by the whole process per turn (bot, connector, clients): what drives GC pauses.</summary>
    public double AllocatedKbPerTurn => Turns == 0 ? double.NaN : AllocatedBytes / 1024.0 / Turns;
    /// <summary>Process CPU time (bot, fake connector and load clients together) per turn: steadier than turns/s on a shared machine.</summary>
    public double CpuMicrosecondsPerTurn => Turns == 0 ? double.NaN : CpuMs * 1000 / Turns;
    public double TurnsPerSecond => Turns / Seconds;
    /// <summary>Minor page faults of the process per turn: ~15 µs each on this VM, so fresh memory shows up as CPU.</summary>
    public double PageFaultsPerTurn => Turns == 0 ? double.NaN : PageFaults / (double)Turns;
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
internal sealed class LoadGenerator(HttpClient client, string serviceUrl)
{
    private static int _run;

    public async Task<LoadResult> RunAsync(string name, string path, int connections, TimeSpan warmup, TimeSpan duration,
        Func<long> repliesSoFar, bool dialog)
    {
        var run = Interlocked.Increment(ref _run);
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var stopAt = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long repliesAtMeasure = -1, errors = 0, cpuAtMeasureTicks = -1, allocatedAtMeasure = -1, faultsAtMeasure = -1;
        var perClient = new List<double>[connections];

        var clients = Enumerable.Range(0, connections).Select(i => Task.Run(async () =>
        {
            var latencies = perClient[i] = new List<double>(64 * 1024);
            var conversation = $"19:bench-{run}-{i}@thread.v2";
            var user = $"bench-user-{i}";
            var step = 0;
            while (true)
            {
                var t0 = Stopwatch.GetTimestamp();
                if (t0 >= stopAt) break;
                if (t0 >= measureFrom && Interlocked.Read(ref repliesAtMeasure) < 0)
                {
                    Interlocked.CompareExchange(ref repliesAtMeasure, repliesSoFar(), -1);
                    Interlocked.CompareExchange(ref cpuAtMeasureTicks, CpuTicks(), -1);
                    Interlocked.CompareExchange(ref allocatedAtMeasure, GC.GetTotalAllocatedBytes(), -1);
                    Interlocked.CompareExchange(ref faultsAtMeasure, Machine.MinorPageFaults(), -1);
                }
                var text = dialog ? BenchSurveyDialog.Script[step++ % BenchSurveyDialog.Script.Length] : "ping";
                using var content = new ByteArrayContent(BenchActivities.GroupMention(serviceUrl, conversation, user, text));
                content.Headers.ContentType = new("application/json");
                bool ok;
                try
                {
                    using var response = await client.PostAsync(path, content);
                    ok = response.StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException) { ok = false; }
                var t1 = Stopwatch.GetTimestamp();
                if (t0 < measureFrom) continue;
                if (!ok) { Interlocked.Increment(ref errors); continue; }
                latencies.Add((t1 - t0) * 1000.0 / Stopwatch.Frequency);
            }
        })).ToArray();
        await Task.WhenAll(clients);
        var end = Stopwatch.GetTimestamp();
        var allocated = GC.GetTotalAllocatedBytes() - Math.Max(0, allocatedAtMeasure);
        var cpuMs = TimeSpan.FromTicks(CpuTicks() - Math.Max(0, cpuAtMeasureTicks)).TotalMilliseconds;
        var faults = Machine.MinorPageFaults() - Math.Max(0, faultsAtMeasure);
        var all = perClient.SelectMany(l => l).ToArray();
        Array.Sort(all);
        var seconds = (end - measureFrom) / (double)Stopwatch.Frequency;
        return new LoadResult(name, connections, all.Length, seconds, errors, repliesSoFar() - Math.Max(0, repliesAtMeasure), all, cpuMs, allocated, faults);
    }

    private static long CpuTicks() { using var p = Process.GetCurrentProcess(); return p.TotalProcessorTime.Ticks; }

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
            rounds.Sum(r => r.Errors), rounds.Sum(r => r.Replies), all, rounds.Sum(r => r.CpuMs), rounds.Sum(r => r.AllocatedBytes), rounds.Sum(r => r.PageFaults));
    }
}
