using ChatBot.Storage;
using ChatBot.Storage.Conversations;

namespace ChatBot.Benchmarks;

/// <summary>Hammers the conversation bookkeeping stores the way many first turns do, to check LiteDB stays consistent.</summary>
internal static class LiteDbProbe
{
    public static async Task<int> RunAsync(BenchOptions o)
    {
        var n = o.Int("conversations", 2000);
        var parallel = o.Int("connections", 16);
        var group = o.Flag("groupcommit");
        var path = Path.Combine(BenchDatabase.NewFolder(), "probe.db");
        using var db = ChatBotDatabase.Open(path);
        var workspaces = new WorkspaceStore(db);
        var refs = new ConversationReferenceStore(db);
        using var groupStore = new JournaledDialogStateStore(db);
        IDialogStateStore states = group ? groupStore : new LiteDbDialogStateStore(db);
        // Optionally keep the thread pool busy with blocking work, as 2,000 turns in flight do in a test server.
        using var stopStarving = new CancellationTokenSource();
        var starvers = Enumerable.Range(0, o.Int("starve", 0)).Select(_ => Task.Run(() => { while (!stopStarving.IsCancellationRequested) Thread.Sleep(20); })).ToArray();
        var next = -1;
        var failures = 0;
        string? first = null;
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < n)
            {
                try
                {
                    var now = DateTimeOffset.UtcNow;
                    var id = $"msteams:tenant-1:19:load-{i}@thread.v2";
                    workspaces.Touch(new Workspace { Id = id, ChannelId = "msteams", ConversationId = $"19:load-{i}@thread.v2", IsGroup = true, TimeZone = "Asia/Shanghai", Locale = "zh-CN" }, now);
                    for (var u = 0; u < 2; u++)
                    {
                        workspaces.TouchMember(id, $"msteams:user-{i}-{u}", $"user-{i}-{u}", null, now);
                        refs.Upsert(new StoredConversationReference { Id = id, ChannelId = "msteams", ServiceUrl = "https://smba.example.test/", ConversationId = $"19:load-{i}@thread.v2", UpdatedUtc = now });
                        for (var v = 1; v <= 5; v++)
                        {
                            var key = $"{id}:user-{i}-{u}";
                            var rec = states.Load(key) ?? new DialogStateRecord { Id = key };
                            rec.Json = "{\"stack\":[{\"id\":\"x\",\"state\":{\"values\":{\"name\":\"" + new string('x', v * 20) + "\"}}}]}";
                            rec.Version++;
                            rec.UpdatedUtc = now;
                            await states.SaveAsync(rec);
                        }
                    }
                }
                catch (Exception ex)
                {
                    if (Interlocked.Increment(ref failures) == 1) first = ex.ToString();
                }
            }
        })));
        stopStarving.Cancel();
        await Task.WhenAll(starvers);
        Console.WriteLine($"{n} conversations, {parallel} threads, {(group ? "journaled dialog state" : "auto-commit dialog state")}: {failures} failures");
        if (first is not null) Console.WriteLine(first.Split('\n').Take(12).Aggregate((a, b) => a + "\n" + b));
        return failures == 0 ? 0 : 1;
    }
}
