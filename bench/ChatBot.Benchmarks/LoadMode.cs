using System.Globalization;

namespace ChatBot.Benchmarks;

/// <summary>End-to-end load: the bot's /api/messages with a real dialog and durable state, next to the floor.</summary>
internal static class LoadMode
{
    public static async Task<int> RunAsync(BenchOptions o)
    {
        var connections = o.Int("connections", 16);
        var seconds = o.Int("seconds", 10);
        var warmup = o.Int("warmup", 3);
        var rounds = o.Int("rounds", 2);
        var autoCommit = o.Flag("autocommit");
        var memoryState = o.Flag("memstate");
        var botOnly = o.Flag("bot-only"); // for profiling the bot's turn: skip the floor
        // --alloc-by-type: what each bot round allocates, by type (estimates from allocation-tick events)

        await using var connector = await FakeConnectorServer.StartAsync();
        using var bot = new BenchBotHost(autoCommitState: autoCommit, memoryState: memoryState);
        bot.Start();
        if (o.Int("checkpoint", -1) is >= 0 and var checkpointPages) // experiment: LiteDB's auto-checkpoint size in pages (default 1,000)
            ((LiteDB.LiteDatabase)bot.Services.GetService(typeof(LiteDB.LiteDatabase))!).Pragma("CHECKPOINT", checkpointPages);
        using var client = LoadGenerator.NewClient(bot.BaseAddress, connections);
        // The load clients share the two cores with the bot: by default they write prepared requests on raw keep-alive
        // connections (as wrk would); --httpclient uses HttpClient, as measured before the ninth session.
        var rawClient = !o.Flag("httpclient");
        var load = new LoadGenerator(client, connector.ServiceUrl, rawClient);
        Console.WriteLine(Machine.Describe());
        Console.WriteLine($"bot at {bot.BaseAddress}, fake connector at {connector.ServiceUrl}, db {bot.DatabasePath}");
        Console.WriteLine($"{connections} connections ({(rawClient ? "raw keep-alive HTTP/1.1 clients" : "HttpClient")}), {rounds} round(s) per endpoint of at least {warmup} s warm-up (longer until the JIT compiles fewer than {LoadGenerator.SettledJitPerSecond} methods/s, at most {LoadGenerator.MaxWarmup.TotalSeconds:F0} s) + {seconds} s measured; state store: {(memoryState ? "in memory (experiment: no persistence)" : autoCommit ? "auto-commit (one commit per write)" : "journal (append + fdatasync per group commit, checkpoints into LiteDB)")}");

        var floor = new List<LoadResult>();
        var turns = new List<LoadResult>();
        for (var r = 0; r < rounds; r++)
        {
            if (!botOnly) floor.Add(Report(r, await load.RunAsync("floor: parse + 1 reply, no state", "/bench/floor", connections, TimeSpan.FromSeconds(warmup), TimeSpan.FromSeconds(seconds), () => connector.Received, dialog: false)));
            var before = CommitStats(bot);
            using var allocs = o.Flag("alloc-by-type") ? new AllocationsByType() : null;
            using var jit = o.Flag("jit") ? new JitEvents() : null;
            turns.Add(Report(r, await load.RunAsync("bot: dialog turn + durable state", "/api/messages", connections, TimeSpan.FromSeconds(warmup), TimeSpan.FromSeconds(seconds), () => connector.Received, dialog: true)));
            if (CommitStats(bot) is { } after && before is { } b && after.Commits > b.Commits)
            {
                var commits = after.Commits - b.Commits;
                Console.WriteLine(FormattableString.Invariant(
                    $"round {r + 1}: {commits} group commits (warm-up included), {(double)(after.Writes - b.Writes) / commits:F1} state writes each, mean {(after.Total - b.Total).TotalMilliseconds / commits:F2} ms, longest so far {after.Max.TotalMilliseconds:F1} ms"));
            }
        }
        var results = (botOnly ? [] : new[] { LoadGenerator.Merge(floor) }).Append(LoadGenerator.Merge(turns)).ToArray();
        Console.WriteLine();
        Console.WriteLine(Table(results));
        Console.WriteLine($"load average after the run: {Machine.LoadAverage()}");
        return results.Any(r => r.Errors > 0) ? 1 : 0;
    }

    private static LoadResult Report(int round, LoadResult r)
    {
        Console.WriteLine(FormattableString.Invariant(
            $"round {round + 1}, {r.Name}: warmed up {r.WarmupSeconds:F0} s, {r.TurnsPerSecond:F0} turns/s, p99 {r.Percentile(99):F2} ms, {r.CpuMicrosecondsPerTurn:F0} µs CPU/turn, {r.ContextSwitchesPerTurn:F1} context switches/turn, {r.JitCompiled} methods compiled while measured"));
        return r;
    }

    public static string Table(IEnumerable<LoadResult> results)
    {
        var inv = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            "| endpoint | conns | turns | turns/s | p50 ms | p90 ms | p99 ms | max ms | errors | replies/turn | CPU µs/turn | KB allocated/turn | page faults/turn | context switches/turn | warm-up s | JIT'd while measured |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        };
        foreach (var r in results)
            lines.Add(string.Format(inv, "| {0} | {1} | {2} | {3:F0} | {4:F2} | {5:F2} | {6:F2} | {7:F1} | {8} | {9:F2} | {10:F0} | {11:F1} | {12:F2} | {13:F1} | {14:F0} | {15} |",
                r.Name, r.Connections, r.Turns, r.TurnsPerSecond, r.Percentile(50), r.Percentile(90), r.Percentile(99), r.Percentile(100), r.Errors,
                r.Turns == 0 ? 0 : (double)r.Replies / r.Turns, r.CpuMicrosecondsPerTurn, r.AllocatedKbPerTurn, r.PageFaultsPerTurn, r.ContextSwitchesPerTurn, r.WarmupSeconds, r.JitCompiled));
        return string.Join(Environment.NewLine, lines);
    }

    private static (long Commits, long Writes, TimeSpan Total, TimeSpan Max)? CommitStats(BenchBotHost bot) =>
        bot.Services.GetService(typeof(ChatBot.Storage.Conversations.IDialogStateStore)) is ChatBot.Storage.Conversations.JournaledDialogStateStore g
            ? g.Statistics.Snapshot() : null;
}
