using Stopwatch = System.Diagnostics.Stopwatch;
using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using ChatBot.Storage;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Mediation;
using LiteDatabase = LiteDB.LiteDatabase;

namespace ChatBot.Benchmarks;

/// <summary>
/// Does a mediation form submit cost more when the workspace already holds many cases (issue #20, item 6)? For each
/// case count: a fresh bot with its own file, that many cases (with their audit entries and counter, as the store
/// writes them) seeded straight into the database, then registration-card submits one after another through the real
/// turn (<see cref="TurnRunner"/>: parse, turn, durable commit, reply card), each a new form, in rounds that visit the
/// databases in turn. The same number of submits per second is expected at every count.
/// </summary>
internal static class CaseGrowthMode
{
    private const string Conversation = "19:case-growth@thread.v2";

    public static async Task<int> RunAsync(BenchOptions o)
    {
        var counts = (o.Text("cases") ?? "0,10000,100000").Split(',').Select(int.Parse).ToArray();
        var bots = new List<Growth>();
        try
        {
            foreach (var n in counts)
            {
                var bot = new BenchBotHost();
                bot.Start();
                var seed = Stopwatch.StartNew();
                var growth = new Growth(n, bot, Seed(bot, n));
                bots.Add(growth);
                Console.WriteLine($"{n:N0} cases seeded in {seed.Elapsed.TotalSeconds:F1} s ({new FileInfo(bot.DatabasePath).Length / 1048576.0:F0} MB)");
                if (o.Flag("profile")) Profile(bot, growth.WorkspaceId);
            }
            // Warm-up, then rounds that visit the databases in turn, so that the load of this shared machine, which
            // drifts over minutes, falls on all of them alike; the median round of each is reported.
            foreach (var g in bots) await g.RunAsync(o.Int("warmup", 3));
            for (var round = 1; round <= o.Int("rounds", 5); round++)
            {
                var line = new List<string>();
                foreach (var g in bots) line.Add($"{g.Cases:N0}: {await g.RunAsync(o.Int("seconds", 2)):F0}/s");
                Console.WriteLine($"round {round}: {string.Join(", ", line)} (load {Machine.LoadAverage()})");
            }
            var baseline = bots[0].Median;
            Console.WriteLine("| cases in the workspace | submits/s (median round) | rounds (submits/s) | vs first | CPU µs per submit | KB allocated per submit | cases saved |");
            Console.WriteLine("|---:|---:|---|---:|---:|---:|---|");
            foreach (var g in bots)
                Console.WriteLine(FormattableString.Invariant(
                    $"| {g.Cases:N0} | {g.Median:F0} | {string.Join(" / ", g.Rates.Select(r => r.ToString("F0")))} | {g.Median / baseline * 100:F0} % | {g.CpuMicros / g.Submits:F0} | {g.AllocatedKb / g.Submits:F1} | {g.Saved():N0} of {g.Submits:N0} |"));
            Console.WriteLine($"load average {Machine.LoadAverage()}");
            return bots.All(g => g.Apologies == 0 && g.Saved() == g.Submits) ? 0 : 1;
        }
        finally
        {
            foreach (var g in bots) g.Bot.Dispose();
        }
    }

    /// <summary>One bot, its seeded workspace, and what its measured rounds did.</summary>
    private sealed class Growth(int cases, BenchBotHost bot, string workspaceId)
    {
        private readonly TurnRunner _runner = bot.Services.GetRequiredService<TurnRunner>();
        private readonly int _before = CaseCount(bot, workspaceId);
        private int _form;
        private int _warmupSubmits;

        public int Cases => cases;
        public BenchBotHost Bot => bot;
        public string WorkspaceId => workspaceId;
        public List<double> Rates { get; } = new();
        public int Submits { get; private set; }
        public int Apologies { get; private set; }
        public double CpuMicros { get; private set; }
        public double AllocatedKb { get; private set; }
        public double Median => Rates.Count == 0 ? 0 : Rates.Order().ElementAt(Rates.Count / 2);
        public int Saved() => CaseCount(bot, workspaceId) - _before - _warmupSubmits;

        /// <summary>Submits for the given seconds; the first call is the warm-up and is not counted.</summary>
        public async Task<double> RunAsync(int seconds)
        {
            var warmup = _form == 0;
            var cpu0 = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            var allocated0 = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            var done = 0;
            for (; clock.Elapsed.TotalSeconds < seconds; done++) await SubmitAsync();
            var rate = done / clock.Elapsed.TotalSeconds;
            if (warmup) { _warmupSubmits = done; return rate; }
            CpuMicros += (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds * 1000;
            AllocatedKb += (GC.GetTotalAllocatedBytes(precise: true) - allocated0) / 1024.0;
            Submits += done;
            Rates.Add(rate);
            return rate;
        }

        private async Task SubmitAsync()
        {
            var activity = JsonSerializer.Deserialize<Activity>(Submit($"bench-form-{cases}-{++_form}"), BotJson.Options)!;
            var adapter = new BufferingAdapter(ChannelCapabilities.Full);
            await _runner.RunAsync(activity, adapter, CancellationToken.None);
            foreach (var reply in adapter.Sent)
            {
                JsonSerializer.SerializeToUtf8Bytes(reply, BotJson.Options);
                if (reply.Text?.Contains("出错了", StringComparison.Ordinal) == true) Apologies++;
            }
        }
    }

    /// <summary>--profile: the query plans and the time of the store calls a submit makes, outside the turn.</summary>
    private static void Profile(BenchBotHost bot, string workspaceId)
    {
        var db = bot.Services.GetRequiredService<LiteDatabase>();
        var store = bot.Services.GetRequiredService<MediationStore>();
        var cases = db.GetCollection<MediationCase>(MediationStore.Cases);
        var key = workspaceId + "|none";
        Console.WriteLine("  plan FindByForm: " + cases.Query().Where(c => c.FormKey == key).GetPlan()["index"].ToString());
        var audit = db.GetCollection<AuditEntry>(ChatBotDatabase.Audit);
        Console.WriteLine("  plan audit by record: " + audit.Query().Where(a => a.RecordKey == key).GetPlan()["index"].ToString());
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 2000; i++) store.FindByForm(workspaceId, "none-" + i);
        Console.WriteLine(FormattableString.Invariant($"  FindByForm (miss): {clock.Elapsed.TotalMilliseconds * 1000 / 2000:F1} µs"));
        var template = System.Text.Json.JsonSerializer.Serialize(new MediationCase
        {
            ReceivedOn = Today(), Village = "东岭村", Parties = [new("张三", "13812345678")], PeopleInvolved = 2, Summary = "x", Mediators = ["王"],
        });
        clock.Restart();
        const int creates = 200;
        for (var i = 0; i < creates; i++)
        {
            var draft = System.Text.Json.JsonSerializer.Deserialize<MediationCase>(template)!;
            draft.WorkspaceId = workspaceId;
            store.Create(draft, "profile-" + i, new MediationActor("u", "u"), DateTimeOffset.UtcNow);
        }
        Console.WriteLine(FormattableString.Invariant($"  Create (durable): {clock.Elapsed.TotalMilliseconds * 1000 / creates:F0} µs"));
    }

    private static int CaseCount(BenchBotHost bot, string workspaceId) =>
        bot.Services.GetRequiredService<LiteDatabase>().GetCollection<MediationCase>(MediationStore.Cases).Count(c => c.WorkspaceId == workspaceId);

    /// <summary>The workspace of the benchmark's group chat with <paramref name="n"/> cases of this year, numbered 1..n.</summary>
    private static string Seed(BenchBotHost bot, int n)
    {
        var probe = JsonSerializer.Deserialize<Activity>(Submit("probe"), BotJson.Options)!;
        var workspaceId = WorkspaceResolver.ConversationWorkspaceId(probe);
        var db = bot.Services.GetRequiredService<LiteDatabase>();
        _ = bot.Services.GetRequiredService<MediationStore>(); // its indexes exist before the seeding
        var cases = db.GetCollection<MediationCase>(MediationStore.Cases);
        var audit = db.GetCollection<AuditEntry>(ChatBotDatabase.Audit);
        var year = Today().Year;
        var now = DateTimeOffset.UtcNow;
        for (var start = 1; start <= n; start += 5000)
        {
            db.BeginTrans();
            var batch = Enumerable.Range(start, Math.Min(5000, n - start + 1)).Select(seq => new MediationCase
            {
                Id = $"{workspaceId}|{MediationRules.CaseNo(year, seq)}", WorkspaceId = workspaceId, Year = year, Seq = seq,
                CaseNo = MediationRules.CaseNo(year, seq), FormKey = $"{workspaceId}|seed-{seq}", ReceivedOn = Today().AddDays(-(seq % 300)),
                Source = MediationSource.Application, DisputeType = DisputeType.Neighbour, Village = "东岭村" + seq % 40,
                Parties = [new("张三", "13812345678"), new("李四")], PeopleInvolved = 2, AmountInvolved = seq % 5000,
                Summary = "因排水沟堵塞发生争执,双方要求疏通并赔偿损失", Mediators = ["王调解"], Status = (MediationStatus)(seq % 5),
                CreatedBy = "seed", CreatedUtc = now, UpdatedUtc = now,
            }).ToList();
            cases.InsertBulk(batch);
            audit.InsertBulk(batch.Select(c => new AuditEntry
            {
                RecordKey = MediationStore.RecordKey(c), WorkspaceId = workspaceId, Action = "mediation.create", UserKey = "seed",
                Details = "登记 " + c.CaseNo, AtUtc = now,
            }));
            db.Commit();
        }
        if (n > 0) db.GetCollection<MediationCounter>(MediationStore.Counters).Upsert(new MediationCounter { Id = $"{workspaceId}|{year}", Last = n });
        db.Checkpoint();
        return workspaceId;
    }

    private static DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Asia/Shanghai"));

    /// <summary>A complete, valid registration card submit (Action.Submit value) in the benchmark's group chat.</summary>
    private static byte[] Submit(string formId)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = "growth-" + formId,
            Timestamp = DateTimeOffset.UtcNow,
            ServiceUrl = "http://127.0.0.1:1/",
            ChannelId = "msteams",
            From = new ChannelAccount { Id = "29:growth-user", Name = "王调解", AadObjectId = "aad-growth-user" },
            Recipient = new ChannelAccount { Id = BenchActivities.BotId, Name = "依法行政助手" },
            Conversation = new ConversationAccount { Id = Conversation, ConversationType = "groupChat", IsGroup = true, TenantId = "bench-tenant" },
            Locale = "zh-CN",
            ReplyToId = "bot-card-1",
            Value = JsonSerializer.SerializeToElement(new Dictionary<string, string>
            {
                ["verb"] = "mediation.form", ["formId"] = formId, ["receivedOn"] = Today().AddDays(-1).ToString("yyyy-MM-dd"),
                ["source"] = "Application", ["disputeType"] = "Neighbour", ["village"] = "东岭村", ["party1Name"] = "张三",
                ["party1Phone"] = "13812345678", ["party2Name"] = "李四", ["people"] = "2", ["amount"] = "1500",
                ["summary"] = "因排水沟堵塞发生争执", ["mediators"] = "王调解", ["status"] = "Succeeded", ["agreementForm"] = "Written",
                ["major"] = "false", ["collective"] = "false",
            }),
        };
        return JsonSerializer.SerializeToUtf8Bytes(activity, BotJson.Options);
    }
}
