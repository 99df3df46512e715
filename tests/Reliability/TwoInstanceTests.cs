using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Mediation;
using ChatBot.Storage.Postgres;
using ChatBot.Storage.Reminders;
using ChatBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Npgsql;
using Activity = ChatBot.Bot.Channels.BotFramework.Schema.Activity;

namespace ChatBot.Tests.Reliability;

/// <summary>
/// Two bot processes on one PostgreSQL database behind a round-robin proxy, as a county deployment runs them: a load of
/// 1,000 conversations logging mediation cases, reminders due throughout, and SIGKILL of the instance that leads the
/// reminders in the middle of it. Every case the user was told about is kept under the number they were told, no
/// number is given twice, no reminder is sent twice, and the survivor goes on sending reminders within 30 s.
/// </summary>
[Collection(ReliabilitySuite.Name)]
public class TwoInstanceTests
{
    private const int Conversations = 1000;
    private const int Reminders = 120;

    [Fact]
    public async Task Killing_one_of_two_instances_mid_load_loses_nothing_and_sends_no_reminder_twice()
    {
        var database = PostgresServer.NewDatabase("two");
        await using var connector = await FakeConnector.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["Bot__Storage"] = "postgres",
            ["ConnectionStrings__Postgres"] = database,
            ["BotFramework__AllowedServiceUrlHosts__0"] = "127.0.0.1",
            ["Reminders__Interval"] = "00:00:01",
            ["Reminders__QuietHours"] = "00:00-00:00",
            ["Reminders__LeaderRetry"] = "00:00:03",
            ["Logging__LogLevel__ChatBot.Bot.Reminders"] = "Debug",
        };
        var portA = TestPorts.Free();
        var portB = TestPorts.Free();
        // A starts first, so it is the reminder leader when it is killed.
        using var a = await BotProcess.StartAsync("unused-a.db", portA, environment);
        await Task.Delay(2000);
        using var b = await BotProcess.StartAsync("unused-b.db", portB, environment);
        await using var proxy = await RoundRobinProxy.StartAsync([portA, portB]);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };

        var confirmed = new ConcurrentDictionary<string, (string Workspace, string CaseNo)>(); // form → what the user was told
        var next = -1;
        var killed = false;
        DateTimeOffset killedAt = default;
        var errors = new ConcurrentQueue<string>();
        var load = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            for (var c = Interlocked.Increment(ref next); c < Conversations; c = Interlocked.Increment(ref next))
            {
                var formId = $"two-{c}";
                var submit = Activities.Submit(ChatBot.Tests.Mediation.MediationTestKit.ValidForm(formId), $"two-user-{c}", $"19:two-{c}@thread.v2", "groupChat");
                submit.ServiceUrl = connector.ServiceUrl;
                submit.DeliveryMode = DeliveryModes.ExpectReplies;
                // A client retries a request that failed (the instance died under it): the form id makes the retry safe.
                for (var attempt = 1; ; attempt++)
                {
                    submit.Id = $"{formId}-{attempt}"; // a new click: a retried id would be taken for a redelivery
                    try
                    {
                        using var response = await http.PostAsJsonAsync($"{proxy.Url}/api/messages", submit, BotJson.Options);
                        response.EnsureSuccessStatusCode();
                        var body = await response.Content.ReadFromJsonAsync<JsonElement>(BotJson.Options);
                        var text = string.Join("\n", body.GetProperty("activities").Deserialize<List<Activity>>(BotJson.Options)!.Select(x => x.AllText()));
                        var at = text.IndexOf("案号 ", StringComparison.Ordinal);
                        if (at < 0) { errors.Enqueue($"no case number for {formId}: {text}"); break; }
                        confirmed[formId] = ($"19:two-{c}@thread.v2", text[(at + 3)..].Split('。', '(', ' ', '\n')[0]);
                        break;
                    }
                    catch (Exception ex) when (attempt < 5 && ex is HttpRequestException or TaskCanceledException or IOException)
                    {
                        await Task.Delay(200);
                    }
                }
            }
        })).ToList();

        // Reminders due over the next 40 s, into workspaces the load has made.
        var deadline = Stopwatch.StartNew();
        while (confirmed.Count < 100 && deadline.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(50);
        Assert.True(confirmed.Count >= 100, $"only {confirmed.Count} cases confirmed in a minute: {string.Join("; ", errors.Take(3))}\n{a.Output}\n{b.Output}");
        await using var source = NpgsqlDataSource.Create(database);
        var db = new PostgresDocumentDatabase(source);
        var workspaces = new WorkspaceStore(db).All().Select(w => w.Id).Take(Reminders).ToList();
        var outbox = new OutboxStore(db);
        var start = DateTimeOffset.UtcNow;
        var due = new Dictionary<string, DateTimeOffset>();
        for (var i = 0; i < Reminders; i++)
        {
            var key = $"test/two-instances/{i}";
            due[key] = start + TimeSpan.FromSeconds(i * 40.0 / Reminders);
            var activity = new Activity { Type = ActivityTypes.Message, Text = $"提醒 {key}" };
            outbox.TryEnqueue(new OutboxMessage
            {
                Key = key, WorkspaceId = workspaces[i % workspaces.Count], Kind = "test.reminder", DueUtc = due[key],
                ActivityUtf8 = JsonSerializer.SerializeToUtf8Bytes(activity, BotJson.Options),
            });
        }

        // SIGKILL the leader once a third of the reminders are due and the load is in full swing.
        while (DateTimeOffset.UtcNow < start + TimeSpan.FromSeconds(13)) await Task.Delay(50);
        a.Kill();
        killedAt = DateTimeOffset.UtcNow;
        killed = true;
        await Task.WhenAll(load);

        // What was in the hands of the dead sender (claimed, not marked) may have reached the Connector: the only
        // messages that can come twice (at-least-once for a send cut in half; see docs/deployment.md).
        var inFlight = outbox.All().Where(m => m.Key.StartsWith("test/", StringComparison.Ordinal) && m.Status == OutboxStatus.Pending && m.ClaimedUntilUtc is not null)
            .Select(m => m.Key).ToHashSet();
        var waited = Stopwatch.StartNew();
        while (connector.Reminders.Select(r => r.Key).Distinct().Count() < Reminders && waited.Elapsed < TimeSpan.FromSeconds(90)) await Task.Delay(200);

        Assert.True(killed);
        Assert.True(errors.IsEmpty, string.Join("\n", errors.Take(5)));
        // Every case the user was told about is there once, under that number; numbers are unique per workspace.
        var cases = db.Collection<MediationCase>(MediationStore.Cases).FindAll().ToList();
        Assert.Equal(Conversations, confirmed.Count);
        foreach (var (formId, (_, caseNo)) in confirmed)
        {
            var kept = cases.Where(k => k.FormKey.EndsWith("|" + formId, StringComparison.Ordinal)).ToList();
            Assert.True(kept.Count == 1, $"form {formId} (told {caseNo}): {kept.Count} cases kept");
            Assert.Equal(caseNo, kept[0].CaseNo);
        }
        Assert.All(cases.GroupBy(k => k.WorkspaceId), ws => Assert.Equal(ws.Count(), ws.Select(k => k.CaseNo).Distinct().Count()));

        // Every reminder arrived; none twice but what was cut in half; after the kill each within 30 s of its time.
        var sent = connector.Reminders.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.OrderBy(r => r.At).ToList());
        Assert.True(sent.Count == Reminders, $"{sent.Count} of {Reminders} reminders arrived; outbox: " +
            string.Join(", ", outbox.All().Where(m => m.Key.StartsWith("test/", StringComparison.Ordinal)).GroupBy(m => $"{m.Status} {m.LastError}").Select(g => $"{g.Key} ×{g.Count()}")) + "\n" + b.Output);
        var twice = sent.Where(s => s.Value.Count > 1 && !inFlight.Contains(s.Key)).Select(s => s.Key).ToList();
        Assert.True(twice.Count == 0, "sent twice: " + string.Join(", ", twice));
        var late = sent.Where(s => !inFlight.Contains(s.Key) && due[s.Key] > killedAt && s.Value[0].At - due[s.Key] > TimeSpan.FromSeconds(30))
            .Select(s => $"{s.Key} {(s.Value[0].At - due[s.Key]).TotalSeconds:0.0} s late").ToList();
        Assert.True(late.Count == 0, $"killed at {killedAt:HH:mm:ss.fff}: " + string.Join(", ", late.Take(5)) + "\noutbox: " + string.Join(", ", outbox.All().GroupBy(m => $"{m.Kind} {m.Status}").Select(g => $"{g.Key} ×{g.Count()}")) + "\n" + b.Output);
        var afterKill = sent.Count(s => s.Value[0].At > killedAt);
        Assert.True(afterKill > 0, "the survivor sent no reminder after the kill");
        b.Stop();
    }


    /// <summary>A Bot Connector stand-in on loopback that records the reminders posted to it.</summary>
    private sealed class FakeConnector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private FakeConnector(WebApplication app, string url) { _app = app; ServiceUrl = url; }

        public string ServiceUrl { get; }
        public ConcurrentQueue<(string Key, DateTimeOffset At)> Reminders { get; } = new();

        public static async Task<FakeConnector> StartAsync()
        {
            var port = TestPorts.Free();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            var app = builder.Build();
            var connector = new FakeConnector(app, $"http://127.0.0.1:{port}/");
            app.MapPost("/v3/conversations/{id}/activities", async (HttpRequest request) =>
            {
                using var reader = new StreamReader(request.Body, Encoding.UTF8);
                var json = await reader.ReadToEndAsync();
                var text = JsonDocument.Parse(json).RootElement.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "";
                var at = text.IndexOf("test/two-instances/", StringComparison.Ordinal);
                if (at >= 0) connector.Reminders.Enqueue((text[at..].Trim(), DateTimeOffset.UtcNow));
                return Results.Json(new { id = Guid.NewGuid().ToString("N") });
            });
            app.MapPost("/v3/conversations", () => Results.Json(new { id = Guid.NewGuid().ToString("N") }));
            app.MapPut("/v3/conversations/{id}/activities/{activityId}", () => Results.Json(new { id = "updated" }));
            await app.StartAsync();
            return connector;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    /// <summary>A load balancer in a few lines: each request to the next instance; one that refuses the connection is skipped.</summary>
    private sealed class RoundRobinProxy : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private RoundRobinProxy(WebApplication app, string url) { _app = app; Url = url; }
        public string Url { get; }

        public static async Task<RoundRobinProxy> StartAsync(int[] ports)
        {
            var port = TestPorts.Free();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            var app = builder.Build();
            var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            var turn = 0;
            app.MapPost("/api/messages", async (HttpContext context) =>
            {
                using var buffer = new MemoryStream();
                await context.Request.Body.CopyToAsync(buffer);
                var body = buffer.ToArray();
                var first = Interlocked.Increment(ref turn);
                for (var i = 0; i < ports.Length; i++)
                {
                    var target = ports[(first + i) % ports.Length];
                    try
                    {
                        using var content = new ByteArrayContent(body);
                        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                        using var response = await http.PostAsync($"http://127.0.0.1:{target}/api/messages", content);
                        context.Response.StatusCode = (int)response.StatusCode;
                        context.Response.ContentType = "application/json";
                        await context.Response.Body.WriteAsync(await response.Content.ReadAsByteArrayAsync());
                        return;
                    }
                    catch (HttpRequestException ex) when (ex.InnerException is SocketException) { } // down: try the next
                }
                context.Response.StatusCode = 502;
            });
            await app.StartAsync();
            return new RoundRobinProxy(app, $"http://127.0.0.1:{port}");
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
