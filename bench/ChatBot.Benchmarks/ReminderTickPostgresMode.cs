using System.Diagnostics;
using ChatBot.Bot.Reminders;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Mediation;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ChatBot.Benchmarks;

/// <summary>
/// The reminder tick of a county deployment on PostgreSQL (issue #27): the real bot's services on a database holding
/// --workspaces groups (default 1,000), each with one open mediation case and no plan tasks, at 10:00 on a working day
/// in Shanghai with nothing due. Prints each source's collection time and the whole tick (median of --ticks), and the
/// plan-task source's warm-up. The database must exist and be empty, or hold what an earlier run seeded.
/// </summary>
internal static class ReminderTickPostgresMode
{
    // Wednesday 11 March 2026, 10:00 in Shanghai: a working day, inside every group's reminder window.
    private static readonly DateTimeOffset Now = new(2026, 3, 11, 2, 0, 0, TimeSpan.Zero);
    private static readonly MediationActor Clerk = new("msteams:29:bench", "基准");

    public static async Task<int> Run(BenchOptions o)
    {
        // --litedb: the same on a new LiteDB file, for comparison.
        var connection = o.Flag("litedb") ? null : o.Text("connection") ?? throw new ArgumentException("--connection \"Host=…;Database=…;Username=…\" (an empty database), or --litedb");
        var count = o.Int("workspaces", 1000);
        var runs = o.Int("ticks", 10);
        using var host = new TickHost(connection);
        var workspaces = host.Services.GetRequiredService<WorkspaceStore>();
        var cases = host.Services.GetRequiredService<MediationStore>();
        var seeded = Stopwatch.StartNew();
        var existing = workspaces.All().Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var id = $"msteams:bench:19:ws-{i:D4}@thread.v2";
            if (existing.Contains(id)) continue;
            workspaces.Save(new Workspace { Id = id, ChannelId = "msteams", TenantId = "bench", ConversationId = $"19:ws-{i:D4}@thread.v2", IsGroup = true, Name = $"乡镇{i}", CreatedUtc = Now, LastSeenUtc = Now });
            cases.Create(new MediationCase
            {
                WorkspaceId = id, ReceivedOn = new DateOnly(2026, 3, 5), DisputeType = DisputeType.Neighbour, Village = "东岭村", Status = MediationStatus.InProgress,
                Summary = "相邻通行纠纷", Mediators = ["王调解"], Parties = [new MediationParty { Name = "甲某" }, new MediationParty { Name = "乙某" }],
            }, $"bench-{i}", Clerk, Now);
        }
        Console.WriteLine($"{workspaces.All().Count()} workspaces ({seeded.Elapsed.TotalSeconds:F1} s to seed); load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");

        var sources = host.Services.GetServices<IReminderSource>().ToList();
        foreach (var source in sources.Where(s => s.Name == "plantasks"))
        {
            var warm = Stopwatch.StartNew();
            source.WarmUp(Now, CancellationToken.None);
            Console.WriteLine($"  {source.Name} warm-up: {warm.Elapsed.TotalMilliseconds:F0} ms");
        }
        foreach (var source in sources)
        {
            var times = new List<double>();
            var offered = 0;
            for (var r = 0; r < runs; r++)
            {
                var started = Stopwatch.GetTimestamp();
                await source.CollectAsync(Now, _ => offered++, CancellationToken.None);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            Console.WriteLine($"  {source.Name,-22} {Median(times),8:F1} ms median, {times.Min(),8:F1} min ({offered / runs} offered)");
        }
        var scheduler = host.Services.GetRequiredService<ReminderScheduler>();
        var ticks = new List<double>();
        for (var r = 0; r < runs; r++)
        {
            var started = Stopwatch.GetTimestamp();
            await scheduler.RunOnceAsync(Now);
            ticks.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        Console.WriteLine($"whole tick ({sources.Count} sources, sending included): {Median(ticks):F1} ms median, {ticks.Min():F1} min over {runs} ticks");
        return 0;
    }

    private static double Median(List<double> xs)
    {
        var sorted = xs.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The bot's Program on PostgreSQL, its background loop off (the benchmark ticks), no HTTP listener.</summary>
    private sealed class TickHost : WebApplicationFactory<Program>
    {
        private readonly string? _connection;

        /// <param name="connection">PostgreSQL; null: a new LiteDB file.</param>
        public TickHost(string? connection)
        {
            _connection = connection;
            Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CHATBOT_BOT", RepoRoot.Find("bot"));
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            if (_connection is not null)
            {
                builder.UseSetting("Bot:Storage", "postgres");
                builder.UseSetting("ConnectionStrings:Postgres", _connection);
            }
            builder.UseSetting("Bot:DatabasePath", Path.Combine(BenchDatabase.NewFolder(), "chatbot.db"));
            builder.UseSetting("BotFramework:MicrosoftAppId", "");
            builder.UseSetting("Reminders:Enabled", "false");
            builder.UseSetting("Backup:Enabled", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Error");
        }
    }
}
