using System.Diagnostics;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Features.PlanTasks;
using ChatBot.Cards;
using ChatBot.Cards.PlanTasks;
using ChatBot.Storage;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.PlanTasks;
using ChatBot.Benchmarks.Micro;
using LiteDB;

namespace ChatBot.Benchmarks;

/// <summary>
/// The steps of a cold Monday reminder tick (100 groups × 1,000 tasks, <see cref="ReminderScanBenchmarks"/>' data) run
/// one after the other on a fresh store, each timed and its allocations counted, averaged after a warm-up: where the
/// tick's time goes, without a profiler. The steps approximate the tick (the escalation list here is every task at
/// least 7 days overdue), so their sum is close to, not equal to, a tick.
/// </summary>
internal static class PhasesMode
{
    public static int Run(BenchOptions o)
    {
        var b = new ReminderScanBenchmarks();
        b.Setup();
        var db = b.Database;
        var groups = Enumerable.Range(0, 100).Select(g => $"msteams:t:19:tasks-{g}@thread.v2").ToArray();
        var today = new DateOnly(2026, 3, 9);
        var lang = Lang.Zh;
        var sums = new Dictionary<string, (double Ms, double Mb)>();
        void Phase(string name, Action a)
        {
            var m0 = GC.GetAllocatedBytesForCurrentThread(); var t0 = Stopwatch.GetTimestamp();
            a();
            var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds; var mb = (GC.GetAllocatedBytesForCurrentThread() - m0) / 1e6;
            var (pm, pb) = sums.GetValueOrDefault(name); sums[name] = (pm + ms, pb + mb);
        }
        var outbox = new ChatBot.Storage.Reminders.OutboxStore(db);
        var rounds = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < o.Int("seconds", 20))
        {
            if (clock.Elapsed.TotalSeconds > o.Int("warmup", 8) && rounds == 0) { sums.Clear(); rounds = 1; }
            else if (rounds > 0) rounds++;
            var store = new PlanTaskStore(db, new AuditLog(db));
            var ws = new WorkspaceStore(db);
            var overdue = new IReadOnlyList<PlanTask>[groups.Length];
            var overviews = new TaskOverview[groups.Length];
            var cards = new List<ChatBot.Cards.AdaptiveCards.AdaptiveCard>();
            Phase("0 load open snapshots", () => store.CountNotCancelled(groups[0]));
            Phase("1 overdue (load open + decode)", () => { for (var i = 0; i < groups.Length; i++) overdue[i] = store.Overdue(groups[i], today); });
            Phase("2 overview (load done + scan)", () => { for (var i = 0; i < groups.Length; i++) { overviews[i] = store.Overview(groups[i]); overviews[i].Task(0); _ = overviews[i].Count; } });
            Phase("3 members", () => { foreach (var g in groups) ws.MembersOf(g); });
            Phase("4 ByOwner cards x2", () => { for (var i = 0; i < groups.Length; i++) { cards.Add(PlanTaskCards.ByOwner(lang, "逾期任务提醒", overdue[i], today, 3)); cards.Add(PlanTaskCards.ByOwner(lang, "逾期", overdue[i].Where(t => t.DaysOverdue(today) >= 7).ToList(), today, 3)); } });
            Phase("5 digest cards", () => { for (var i = 0; i < groups.Length; i++) cards.Add(PlanTaskCards.Digest(lang, "2026-W11", overviews[i], today, 3)); });
            Phase("6 serializer (string)", () => { foreach (var c in cards) System.Text.Json.JsonSerializer.Serialize(c, ChatBot.Cards.AdaptiveCards.CardJson.Options); });
            Phase("7 CardWriter (utf8)", () =>
            {
                var buffer = new System.Buffers.ArrayBufferWriter<byte>();
                foreach (var c in cards)
                {
                    buffer.ResetWrittenCount();
                    using var w = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Encoder = ChatBot.Cards.AdaptiveCards.CardJson.Options.Encoder });
                    ChatBot.Cards.AdaptiveCards.CardWriter.Write(w, c);
                }
            });
            var messages = new List<ChatBot.Storage.Reminders.OutboxMessage>();
            b.NewTaskSource().CollectAsync(new DateTimeOffset(2026, 3, 9, 2, 30, 0, TimeSpan.Zero), messages.Add, default).GetAwaiter().GetResult();
            Phase("8 outbox inserts (one each)", () => { foreach (var m in messages) outbox.TryEnqueue(m); });
            db.GetCollection(ChatBot.Storage.Reminders.OutboxStore.Collection).DeleteMany(LiteDB.Query.In("_id", messages.Select(m => new BsonValue(m.Key))));
            Phase("9 outbox inserts (batches of 50)", () => { foreach (var chunk in messages.Chunk(50)) outbox.TryEnqueueAll(chunk); });
            db.GetCollection(ChatBot.Storage.Reminders.OutboxStore.Collection).DeleteMany(LiteDB.Query.In("_id", messages.Select(m => new BsonValue(m.Key))));
            using (o.Flag("alloc-by-type") && rounds > 0 ? new AllocationsByType() : null)
                Phase("A outbox inserts (one batch)", () => outbox.TryEnqueueAll(messages));
            db.GetCollection(ChatBot.Storage.Reminders.OutboxStore.Collection).DeleteMany(LiteDB.Query.In("_id", messages.Select(m => new BsonValue(m.Key))));
        }
        foreach (var (k, (ms, mb)) in sums.OrderBy(kv => kv.Key)) Console.WriteLine($"{k,-34} {ms / rounds,7:F2} ms {mb / rounds,7:F2} MB");
        b.Cleanup();
        return 0;
    }
}
