using Stopwatch = System.Diagnostics.Stopwatch;
using Process = System.Diagnostics.Process;
using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;

namespace ChatBot.Benchmarks;

/// <summary>
/// The bot's turn without HTTP: the benchmark dialog's turns run one after another on one thread through the real
/// services (parse the Activity, <see cref="TurnRunner"/>, serialise the replies), to see what the turn itself costs
/// in CPU and allocation, and to attach `perf` to. State in memory unless --journal (then every turn waits for its own
/// fdatasync, and idle thread-pool workers spin meanwhile: CPU per turn is not comparable with the in-memory loop).
/// </summary>
internal static class TurnLoopMode
{
    public static async Task<int> RunAsync(BenchOptions o)
    {
        using var bot = new BenchBotHost(memoryState: !o.Flag("journal"));
        bot.Start();
        var runner = bot.Services.GetRequiredService<TurnRunner>();
        // 16 conversations take turns, each going through the dialog's script in order.
        var conversations = Enumerable.Range(0, 16).Select(c => BenchSurveyDialog.Script
            .Select(text => BenchActivities.GroupMention("http://127.0.0.1:1/", $"19:loop-{c}@thread.v2", $"29:user-{c}", text)).ToArray()).ToArray();
        var turn = 0;
        var replies = 0;
        var finished = 0;
        async Task<int> TurnAsync()
        {
            var script = conversations[turn % conversations.Length];
            var bytes = script[turn / conversations.Length % script.Length];
            turn++;
            var activity = JsonSerializer.Deserialize<Activity>(bytes, BotJson.Options)!;
            activity.Id = "loop-" + turn;
            var adapter = new BufferingAdapter(ChannelCapabilities.Full);
            await runner.RunAsync(activity, adapter, CancellationToken.None);
            var size = 0;
            foreach (var reply in adapter.Sent)
            {
                size += JsonSerializer.SerializeToUtf8Bytes(reply, BotJson.Options).Length;
                if (reply.Text?.StartsWith("DONE", StringComparison.Ordinal) == true) finished++;
            }
            replies += adapter.Sent.Count;
            return size;
        }
        var warmup = Stopwatch.StartNew();
        while (warmup.Elapsed.TotalSeconds < o.Int("warmup", 10)) await TurnAsync();
        Console.WriteLine($"looping turns in process {Environment.ProcessId}");
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated0 = GC.GetTotalAllocatedBytes(precise: true);
        var switches0 = Machine.ContextSwitches();
        var clock = Stopwatch.StartNew();
        var n = 0;
        long bytes = 0;
        (replies, finished) = (0, 0);
        for (; clock.Elapsed.TotalSeconds < o.Int("seconds", 10); n++) bytes += await TurnAsync();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
        var switches = Machine.ContextSwitches() - switches0;
        Console.WriteLine(FormattableString.Invariant(
            $"{n} turns: {clock.Elapsed.TotalMilliseconds * 1000 / n:F1} µs per turn, CPU {cpu.TotalMilliseconds * 1000 / n:F1} µs, {(GC.GetTotalAllocatedBytes(precise: true) - allocated0) / 1024.0 / n:F1} KB allocated, {switches / (double)n:F1} context switches, {bytes / (double)n:F0} reply bytes per turn"));
        // Each turn answers once, and every fifth finishes a dialog: anything else means the turns failed (apologies).
        Console.WriteLine($"{replies / (double)n:F2} replies per turn, {finished} dialogs finished");
        return replies == n && Math.Abs(finished - n / BenchSurveyDialog.Script.Length) <= 16 ? 0 : 1;
    }
}
