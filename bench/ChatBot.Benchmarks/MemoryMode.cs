using System.Diagnostics;

namespace ChatBot.Benchmarks;

/// <summary>RSS of the bot with N conversations that each have a dialog in progress (state persisted, cache warm).</summary>
internal static class MemoryMode
{
    public static async Task<int> RunAsync(BenchOptions o)
    {
        var conversations = o.Int("conversations", 10_000);
        var parallel = o.Int("connections", 16);
        await using var connector = await FakeConnectorServer.StartAsync();
        using var bot = new BenchBotHost();
        bot.Start();
        using var client = LoadGenerator.NewClient(bot.BaseAddress, parallel);
        Console.WriteLine(Machine.Describe());

        // One warm-up conversation so the baseline includes JIT-compiled turn code, not only an idle host.
        await TurnAsync(client, connector.ServiceUrl, "19:mem-warm@thread.v2", "warm", "survey");
        var baseline = SettledRssKb();

        var sw = Stopwatch.StartNew();
        var next = -1;
        long failures = 0;
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < conversations)
            {
                var conversation = $"19:mem-{i}@thread.v2";
                // Two turns: the dialog starts, takes the name and waits at the number prompt.
                if (!await TurnAsync(client, connector.ServiceUrl, conversation, $"mem-user-{i}", "survey")) Interlocked.Increment(ref failures);
                if (!await TurnAsync(client, connector.ServiceUrl, conversation, $"mem-user-{i}", "张三")) Interlocked.Increment(ref failures);
            }
        })));
        sw.Stop();
        var loaded = SettledRssKb();
        var peak = Machine.StatusKb("VmHWM");
        var dbBytes = new FileInfo(bot.DatabasePath).Length;
        Console.WriteLine($"{conversations} conversations with a dialog in progress created in {sw.Elapsed.TotalSeconds:F1} s ({failures} failed turns)");
        Console.WriteLine($"| measure | value |\n|---|---:|");
        Console.WriteLine($"| RSS after start-up and one turn | {baseline / 1024.0:F1} MB |");
        Console.WriteLine($"| RSS with {conversations} active conversations (after GC) | {loaded / 1024.0:F1} MB |");
        Console.WriteLine($"| peak RSS (VmHWM) | {peak / 1024.0:F1} MB |");
        Console.WriteLine($"| managed heap after GC | {GC.GetTotalMemory(true) / 1024.0 / 1024.0:F1} MB |");
        Console.WriteLine($"| LiteDB file | {dbBytes / 1024.0 / 1024.0:F1} MB |");
        Console.WriteLine("(the RSS is of the whole benchmark process: bot + fake connector + HTTP client)");
        return failures == 0 ? 0 : 1;
    }

    private static long SettledRssKb()
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        Thread.Sleep(200);
        return Machine.StatusKb("VmRSS");
    }

    private static async Task<bool> TurnAsync(HttpClient client, string serviceUrl, string conversation, string user, string text)
    {
        using var content = new ByteArrayContent(BenchActivities.GroupMention(serviceUrl, conversation, user, text));
        content.Headers.ContentType = new("application/json");
        using var response = await client.PostAsync("/api/messages", content);
        return response.IsSuccessStatusCode;
    }
}
