using System.Collections.Concurrent;
using System.Diagnostics;
using Activity = ChatBot.Bot.Channels.BotFramework.Schema.Activity;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Storage;
using ChatBot.Storage.Conversations;
using ChatBot.Tests.Conversation;
using ChatBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

[assembly: HostingStartup(typeof(ChatBot.Tests.Reliability.SurveyHostingStartup))]

namespace ChatBot.Tests.Reliability;

/// <summary>
/// Lets the real bot process (dotnet ChatBot.Bot.dll, started by <see cref="CrashRecoveryTests"/>) load the survey
/// dialog: ASP.NET Core runs hosting startups named in ASPNETCORE_HOSTINGSTARTUPASSEMBLIES. Inert everywhere else.
/// </summary>
public sealed class SurveyHostingStartup : IHostingStartup
{
    public void Configure(IWebHostBuilder builder) => builder.ConfigureServices(services =>
    {
        services.AddSingleton<Dialog, SurveyDialog>();
        services.AddSingleton<IBotCommand>(new BeginDialogCommand(SurveyDialog.Id, ["测试调查", "survey"], []));
    });
}

/// <summary>
/// SIGKILL in the middle of a load of dialog turns, then a restart on the same file: every turn whose answer reached
/// the user is in the saved dialog state, no state is corrupt, and the LiteDB file opens and works.
/// </summary>
[Collection(ReliabilitySuite.Name)]
public class CrashRecoveryTests
{
    private const int Conversations = 40;

    [Fact]
    public async Task Killing_the_bot_mid_load_loses_no_confirmed_turn_and_corrupts_no_state()
    {
        var db = TempPaths.NewDatabase();
        var confirmed = new ConcurrentDictionary<int, int>(); // conversation → turns whose reply came back
        string? lastError = null;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        var port = TestPorts.Free();
        using (var bot = await BotProcess.StartAsync(db, port))
        {
            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, Conversations).Select(c => Task.Run(async () =>
            {
                var turn = 0;
                while (!stop.IsCancellationRequested)
                {
                    var text = Script(c, turn);
                    try
                    {
                        var replies = await PostExpectRepliesAsync(http, port, c, text);
                        // The bot answered: the turn is confirmed to the user, so its state must survive.
                        Assert.True(replies.Count > 0, $"conversation {c} turn {turn} got no reply");
                        if (turn == 0) Assert.Contains("请输入姓名", replies[0].Text); // the survey dialog is loaded
                        confirmed[c] = ++turn;
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                    {
                        if (!stop.IsCancellationRequested) lastError = ex.Message;
                        return; // the process is gone
                    }
                }
            })).ToArray();

            // Let the load run until a good number of turns are confirmed, then SIGKILL the process mid-flight.
            var deadline = Stopwatch.StartNew();
            while (confirmed.Values.Sum() < 400 && deadline.Elapsed < TimeSpan.FromSeconds(25)) await Task.Delay(20);
            bot.Kill();
            stop.Cancel();
            await Task.WhenAll(load);
        }
        var totalConfirmed = confirmed.Values.Sum();
        Assert.True(totalConfirmed >= 100, $"only {totalConfirmed} turns were confirmed before the kill; {lastError}");

        var helped = confirmed.Keys.Order().Take(5).ToHashSet();
        // Restart on the same file: it opens, answers, and each conversation continues where its user left it.
        using (var bot = await BotProcess.StartAsync(db, port))
        {
            foreach (var c in helped)
            {
                var replies = await PostExpectRepliesAsync(http, port, c, "帮助");
                // "help" is an interrupt: it shows the help card and re-prompts the dialog in progress, if any.
                Assert.NotEmpty(replies);
            }
            bot.Stop();
        }

        using var database = ChatBotDatabase.Open(db);
        using (new JournaledDialogStateStore(database)) { } // replays dialog state a stop may have left in the journal
        var states = database.GetCollection<DialogStateRecord>(ChatBotDatabase.DialogState).FindAll()
            .ToDictionary(s => s.Id);
        foreach (var (c, turns) in confirmed)
        {
            var key = $"msteams:{Activities.TenantId}:{ConversationOf(c)}:{UserOf(c)}";
            Assert.True(states.TryGetValue(key, out var state), $"conversation {c}: {turns} confirmed turns but no saved state");
            // Every turn of this script saves state once; the help turns after the restart only re-prompt.
            // At most one more turn than confirmed may have committed before its answer was lost in the kill.
            Assert.InRange(state!.Version, turns, turns + (helped.Contains(c) ? 2 : 1));
            using var json = JsonDocument.Parse(state.Json);
            Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("stack").ValueKind);
        }
    }

    [Fact]
    public async Task Killing_the_bot_while_mediation_cases_are_logged_loses_no_confirmed_case()
    {
        var db = TempPaths.NewDatabase();
        var confirmed = new ConcurrentDictionary<string, (int Conversation, string CaseNo)>(); // formId → what the user was told
        string? lastError = null;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var port = TestPorts.Free();
        using (var bot = await BotProcess.StartAsync(db, port))
        {
            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, 16).Select(c => Task.Run(async () =>
            {
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    var formId = $"crash-{c}-{n}";
                    var submit = Activities.Submit(ChatBot.Tests.Mediation.MediationTestKit.ValidForm(formId), UserOf(c), $"crash-personal-{c}");
                    try
                    {
                        var text = string.Join("\n", (await PostExpectRepliesAsync(http, port, submit)).Select(a => a.AllText()));
                        var at = text.IndexOf("案号 ", StringComparison.Ordinal);
                        Assert.True(at >= 0, $"no case number in the confirmation: {text}");
                        confirmed[formId] = (c, text[(at + 3)..].Split('。', '(', ' ', '\n')[0]);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                    {
                        if (!stop.IsCancellationRequested) lastError = ex.Message;
                        return;
                    }
                }
            })).ToArray();
            var deadline = Stopwatch.StartNew();
            while (confirmed.Count < 150 && deadline.Elapsed < TimeSpan.FromSeconds(25)) await Task.Delay(20);
            bot.Kill();
            stop.Cancel();
            await Task.WhenAll(load);
        }
        Assert.True(confirmed.Count >= 30, $"only {confirmed.Count} cases were confirmed before the kill; {lastError}");

        // Restart: the file opens and the bot answers; then look at what was kept.
        using (var bot = await BotProcess.StartAsync(db, port))
        {
            var list = Activities.Message("调解列表", UserOf(0), "crash-personal-0");
            Assert.NotEmpty(await PostExpectRepliesAsync(http, port, list));
            bot.Stop();
        }
        using var database = ChatBotDatabase.Open(db);
        var cases = database.GetCollection<ChatBot.Storage.Mediation.MediationCase>(ChatBot.Storage.Mediation.MediationStore.Cases).FindAll().ToList();
        foreach (var (formId, (c, caseNo)) in confirmed)
        {
            // Every case the user was told about is there, once, under that number.
            var kept = cases.Where(k => k.FormKey.EndsWith(formId, StringComparison.Ordinal)).ToList();
            Assert.True(kept.Count == 1, $"form {formId} (told {caseNo}): {kept.Count} cases kept");
            Assert.Equal(caseNo, kept[0].CaseNo);
        }
        // Case numbers are unique within each workspace (no number handed out twice across the crash).
        Assert.All(cases.GroupBy(k => k.WorkspaceId), ws => Assert.Equal(ws.Count(), ws.Select(k => k.CaseNo).Distinct().Count()));
    }

    /// <summary>The survey over and over: five turns a pass, each one a state write.</summary>
    private static string Script(int c, int turn) => (turn % 5) switch
    {
        0 => "测试调查",
        1 => $"姓名{c}",
        2 => (turn / 5 + 1).ToString(),
        3 => "2026-03-01",
        _ => "婚姻家庭",
    };

    private static string ConversationOf(int c) => $"19:crash-{c}@thread.v2";
    private static string UserOf(int c) => $"crash-user-{c}";

    private static Task<List<Activity>> PostExpectRepliesAsync(HttpClient http, int port, int c, string text) =>
        PostExpectRepliesAsync(http, port, Activities.GroupMention(text, UserOf(c), ConversationOf(c)));

    private static async Task<List<Activity>> PostExpectRepliesAsync(HttpClient http, int port, Activity activity)
    {
        activity.DeliveryMode = DeliveryModes.ExpectReplies;
        using var response = await http.PostAsJsonAsync($"http://127.0.0.1:{port}/api/messages", activity, BotJson.Options);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(BotJson.Options);
        return body.GetProperty("activities").Deserialize<List<Activity>>(BotJson.Options)!;
    }

    [Fact]
    public async Task A_second_process_cannot_open_a_database_a_running_bot_uses_and_can_once_it_is_killed()
    {
        var db = TempPaths.NewDatabase();
        using (var bot = await BotProcess.StartAsync(db, TestPorts.Free()))
        {
            var refused = Assert.Throws<IOException>(() => ChatBotDatabase.Open(db));
            Assert.Contains("in use by another process", refused.Message);
            Assert.NotEmpty(DialogStateJournal.Existing(db)); // the bot's live journal was left alone
            bot.Kill(); // the kernel drops the dead process's lock
        }
        using var reopened = ChatBotDatabase.Open(db);
        Assert.NotNull(reopened.GetCollectionNames());
    }

}

/// <summary>The built bot as a child process: dotnet ChatBot.Bot.dll from the test output, on a given database and port.</summary>
internal sealed class BotProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private BotProcess(Process process) => _process = process;

    public static async Task<BotProcess> StartAsync(string databasePath, int port, IReadOnlyDictionary<string, string>? environment = null)
    {
        var dir = AppContext.BaseDirectory;
        // The tests' deps file lists both the bot and this assembly, so the hosting startup above can load.
        var psi = new ProcessStartInfo("dotnet",
            ["exec", "--depsfile", Path.Combine(dir, "ChatBot.Tests.deps.json"), "--runtimeconfig", Path.Combine(dir, "ChatBot.Bot.runtimeconfig.json"),
             Path.Combine(dir, "ChatBot.Bot.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["Bot__DatabasePath"] = databasePath;
        psi.Environment["BotFramework__MicrosoftAppId"] = "";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["ASPNETCORE_HOSTINGSTARTUPASSEMBLIES"] = "ChatBot.Tests";
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) psi.Environment[key] = value;
        var bot = new BotProcess(Process.Start(psi)!);
        // Each line with the time it came, so a failure shows when the process did what.
        bot._process.OutputDataReceived += (_, e) => { if (e.Data is not null) bot._output.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {e.Data}"); };
        bot._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) bot._output.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {e.Data}"); };
        bot._process.BeginOutputReadLine();
        bot._process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var started = Stopwatch.StartNew();
        while (started.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (bot._process.HasExited) break;
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{port}/healthz");
                if (response.StatusCode == HttpStatusCode.OK) return bot;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(50);
        }
        bot.Kill();
        throw new InvalidOperationException("The bot process did not become healthy:\n" + string.Join("\n", bot._output));
    }

    /// <summary>What the process printed so far (for a failure message).</summary>
    public string Output => string.Join("\n", _output.TakeLast(200));

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed by the bot.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    /// <summary>A graceful stop (SIGTERM), so the test can open the file afterwards.</summary>
    public void Stop()
    {
        if (_process.HasExited) return;
        Process.Start("kill", ["-TERM", _process.Id.ToString()])!.WaitForExit(5_000);
        if (!_process.WaitForExit(15_000)) Kill();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
