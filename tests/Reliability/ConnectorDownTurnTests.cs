using Stopwatch = System.Diagnostics.Stopwatch;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Reminders;
using ChatBot.Storage;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Reminders;
using ChatBot.Tests.Conversation;
using ChatBot.Tests.Infrastructure;
using ChatBot.Tests.Mediation;
using ChatBot.Tests.Reminders;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ChatBot.Tests.Reliability;

/// <summary>
/// The Bot Connector is down (500, 503, 429, unreachable) for longer than the client's retries while users are in the
/// middle of a dialog or log a mediation case: the turn's work is saved, the replies wait in the outbox and arrive
/// once, in order, after the recovery; a redelivered activity changes nothing; a 403 is never retried for long.
/// Everything goes through the real /api/messages, ConnectorClient (Polly retries, 10 ms apart here) and outbox.
/// </summary>
[Collection(ReliabilitySuite.Name)]
public class ConnectorDownTurnTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("500")]
    [InlineData("503")]
    [InlineData("429")]
    [InlineData("unreachable")]
    public async Task A_dialog_turn_while_the_connector_is_down_is_saved_and_answered_once_after_recovery(string failure)
    {
        var watch = Stopwatch.StartNew();
        var connector = new OutageConnector();
        var errors = new ErrorLog();
        using var host = NewHost(connector, errors);
        var conversation = $"19:down-{failure}@thread.v2";
        await PostOkAsync(host, Activities.GroupMention("测试调查", "user-1", conversation));
        Assert.Contains("请输入姓名", connector.Accepted.Single().Activity.Text);

        // Down: the answer to the first prompt is processed and saved; its reply waits.
        connector.Failure = OutageConnector.Down(failure);
        var name = Activities.GroupMention("张三", "user-1", conversation);
        var calls = connector.Calls;
        await PostOkAsync(host, name);
        Assert.Equal(3, connector.Calls - calls); // one try and the client's two retries, then the outbox
        var state = StateOf(host, name);
        Assert.Contains("\"name\":\"张三\"", System.Text.RegularExpressions.Regex.Unescape(state.Json)); // the answer is kept
        var waiting = Assert.Single(Replies(host));
        Assert.Equal(OutboxStatus.Pending, waiting.Status);
        Assert.Contains("涉及人数", ReminderMessages.ActivityOf(waiting).Text);

        // The channel delivers the same activity again: nothing runs twice, nothing is queued twice.
        calls = connector.Calls;
        await PostOkAsync(host, name);
        Assert.Equal(calls, connector.Calls);
        Assert.Equal(state.Version, StateOf(host, name).Version);
        Assert.Single(Replies(host));

        // Still down for twenty minutes of scheduler rounds, then back: delivered once.
        var now = host.Clock.GetUtcNow();
        for (var i = 0; i < 4; i++) now = await TickAsync(host, now.AddMinutes(5));
        Assert.Single(connector.Accepted);
        Assert.True(Replies(host).Single().Attempts >= 3, "the reply should have been retried during the outage");
        connector.Failure = null;
        for (var i = 0; i < 2; i++) now = await TickAsync(host, now.AddMinutes(5));
        Assert.Equal(2, connector.Accepted.Count);
        var late = connector.Accepted[1];
        Assert.Contains("涉及人数", late.Activity.Text);
        Assert.Equal($"/amer/v3/conversations/{conversation}/activities/{name.Id}", Uri.UnescapeDataString(late.Path)); // still a reply to it
        Assert.Equal(OutboxStatus.Sent, Replies(host).Single().Status);

        // Redelivered after the recovery: still nothing new; more rounds send nothing again.
        await PostOkAsync(host, name);
        for (var i = 0; i < 6; i++) now = await TickAsync(host, now.AddMinutes(5));
        Assert.Equal(2, connector.Accepted.Count);
        // The dialog goes on where it was, answered at once.
        await PostOkAsync(host, Activities.GroupMention("3", "user-1", conversation));
        Assert.Contains("受理日期", connector.Accepted[2].Activity.Text);
        Assert.Equal(3, connector.Accepted.Count);
        Assert.True(errors.Errors.IsEmpty, ErrorLog.Summary(errors));
        Assert.True(watch.Elapsed < Bound, $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task The_next_turn_after_the_recovery_first_delivers_the_waiting_replies_in_order()
    {
        var watch = Stopwatch.StartNew();
        var connector = new OutageConnector();
        var errors = new ErrorLog();
        using var host = NewHost(connector, errors);
        const string conversation = "19:order@thread.v2";
        await PostOkAsync(host, Activities.GroupMention("测试调查", "user-1", conversation));

        connector.Failure = OutageConnector.Down("503");
        await PostOkAsync(host, Activities.GroupMention("张三", "user-1", conversation));
        // The next turn tries the waiting reply once (the Connector just reached us), then queues its own behind it.
        var calls = connector.Calls;
        await PostOkAsync(host, Activities.GroupMention("3", "user-1", conversation));
        Assert.Equal(3, connector.Calls - calls);
        Assert.Equal(2, Replies(host).Count(m => m.Status == OutboxStatus.Pending));

        // Back, and the user writes again before any scheduler round and before the waiting reply's next retry is
        // due: the two waiting replies go first, then the new one.
        connector.Failure = null;
        await PostOkAsync(host, Activities.GroupMention("2026-03-01", "user-1", conversation));
        Assert.Equal(["请输入姓名", "涉及人数", "受理日期", "类型"], connector.Accepted.Select(a => Prompt(a.Activity)).ToArray());
        Assert.All(Replies(host), m => Assert.Equal(OutboxStatus.Sent, m.Status));

        var now = host.Clock.GetUtcNow();
        for (var i = 0; i < 6; i++) now = await TickAsync(host, now.AddMinutes(5));
        Assert.Equal(4, connector.Accepted.Count);
        Assert.True(errors.Errors.IsEmpty, ErrorLog.Summary(errors));
        Assert.True(watch.Elapsed < Bound, $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Replies_waiting_when_the_bot_restarts_are_delivered_once_in_order_by_the_new_process()
    {
        var connector = new OutageConnector();
        var db = TempPaths.NewDatabase();
        const string conversation = "19:restart@thread.v2";
        using (var before = NewHost(connector, new ErrorLog(), db: db))
        {
            await PostOkAsync(before, Activities.GroupMention("测试调查", "user-1", conversation));
            connector.Failure = OutageConnector.Down("503");
            await PostOkAsync(before, Activities.GroupMention("张三", "user-1", conversation));
        }

        connector.Failure = null;
        var errors = new ErrorLog();
        using var after = NewHost(connector, errors, db: db);
        // The new process knows the conversation has a reply waiting: its first answer there goes after it.
        await PostOkAsync(after, Activities.GroupMention("3", "user-1", conversation));
        Assert.Equal(["请输入姓名", "涉及人数", "受理日期"], connector.Accepted.Select(a => Prompt(a.Activity)).ToArray());
        var now = after.Clock.GetUtcNow();
        for (var i = 0; i < 6; i++) now = await TickAsync(after, now.AddMinutes(5));
        Assert.Equal(3, connector.Accepted.Count);
        Assert.All(Replies(after), m => Assert.Equal(OutboxStatus.Sent, m.Status));
        Assert.True(errors.Errors.IsEmpty, ErrorLog.Summary(errors));
    }

    [Fact]
    public async Task A_mediation_case_logged_while_the_connector_is_down_is_saved_once_and_confirmed_once_after_recovery()
    {
        var watch = Stopwatch.StartNew();
        var connector = new OutageConnector { Failure = OutageConnector.Down("503") };
        var errors = new ErrorLog();
        using var host = NewHost(connector, errors);
        var submit = MediationTestKit.TeamsSubmit(MediationTestKit.ValidForm("down-form-1"));
        await PostOkAsync(host, submit);
        await PostOkAsync(host, submit); // redelivered
        // Teams still shows the form (its update could not be sent either): the user submits it again.
        var again = MediationTestKit.TeamsSubmit(MediationTestKit.ValidForm("down-form-1"));
        await PostOkAsync(host, again);

        var cases = host.Service<LiteDatabase>().GetCollection<ChatBot.Storage.Mediation.MediationCase>(ChatBot.Storage.Mediation.MediationStore.Cases).FindAll().ToList();
        var saved = Assert.Single(cases);
        Assert.Empty(connector.Accepted);
        // Per submission: the clicked card's update (PUT) and the confirmation, in that order.
        Assert.Equal([ConnectorAdapter.UpdateKind, ConnectorAdapter.ReplyKind, ConnectorAdapter.UpdateKind, ConnectorAdapter.ReplyKind],
            Replies(host).OrderBy(m => m.Sequence).Select(m => m.Kind).ToArray());

        connector.Failure = null;
        var now = host.Clock.GetUtcNow();
        for (var i = 0; i < 12; i++) now = await TickAsync(host, now.AddMinutes(5));
        Assert.Equal(["PUT", "POST", "PUT", "POST"], connector.Accepted.Select(a => a.Method).ToArray());
        Assert.Equal("bot-card-1", connector.Accepted[0].Activity.Id); // the card the user clicked
        var confirmations = connector.Accepted.Where(a => a.Method == "POST").Select(a => a.Activity.AllText()).ToList();
        Assert.Contains($"案号 {saved.CaseNo}。", confirmations[0]);
        Assert.Contains("没有重复登记", confirmations[1]);
        Assert.Equal(submit.Id, connector.Accepted[1].Activity.ReplyToId);
        Assert.Equal(again.Id, connector.Accepted[3].Activity.ReplyToId);
        Assert.All(Replies(host), m => Assert.Equal(OutboxStatus.Sent, m.Status));
        Assert.Single(host.Service<LiteDatabase>().GetCollection<ChatBot.Storage.Mediation.MediationCase>(ChatBot.Storage.Mediation.MediationStore.Cases).FindAll());
        Assert.True(errors.Errors.IsEmpty, ErrorLog.Summary(errors));
        Assert.True(watch.Elapsed < Bound, $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task The_dialog_state_is_written_while_the_reply_is_still_on_its_way()
    {
        var connector = new OutageConnector();
        var errors = new ErrorLog();
        using var host = NewHost(connector, errors);
        var start = Activities.GroupMention("测试调查", "user-1", "19:overlap@thread.v2");
        var store = host.Service<IDialogStateStore>();
        var savedBeforeTheReplyWasAnswered = false;
        // The Connector answers the prompt only once the turn's state is durable, or gives up waiting after 5 s.
        connector.Hold = async () =>
        {
            var waited = Stopwatch.StartNew();
            while (store.Load(ConversationEngine.StateKey(start)) is null && waited.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(5);
            savedBeforeTheReplyWasAnswered = store.Load(ConversationEngine.StateKey(start)) is not null;
        };

        await PostOkAsync(host, start);
        Assert.True(savedBeforeTheReplyWasAnswered, "the turn waited for its reply before writing its state");
        Assert.Contains("请输入姓名", connector.Accepted.Single().Activity.Text);
        Assert.True(errors.Errors.IsEmpty, ErrorLog.Summary(errors));
    }

    [Fact]
    public async Task A_prompt_the_connector_refuses_leaves_the_dialog_state_as_it_was_before_the_turn()
    {
        var connector = new OutageConnector();
        var errors = new ErrorLog();
        using var host = NewHost(connector, errors);
        const string conversation = "19:refused-prompt@thread.v2";
        await PostOkAsync(host, Activities.GroupMention("测试调查", "user-1", conversation));
        var before = StateOf(host, Activities.GroupMention("x", "user-1", conversation));

        // The answer is taken, but the next prompt is refused (400: a bad activity): the step is undone.
        connector.Failure = _ => new HttpResponseMessage(HttpStatusCode.BadRequest);
        await PostOkAsync(host, Activities.GroupMention("张三", "user-1", conversation));
        var after = StateOf(host, Activities.GroupMention("x", "user-1", conversation));
        Assert.Equal(before.Json, after.Json);
        Assert.Equal(before.HandledActivities, after.HandledActivities);
        Assert.False(errors.Errors.IsEmpty); // the failed turn is logged

        // With the Connector taking replies again, the same answer is asked for the name once more.
        connector.Failure = null;
        await PostOkAsync(host, Activities.GroupMention("李四", "user-1", conversation));
        Assert.Contains("涉及人数", connector.Accepted[^1].Activity.Text);
        Assert.Contains("\"name\":\"李四\"", System.Text.RegularExpressions.Regex.Unescape(StateOf(host, Activities.GroupMention("x", "user-1", conversation)).Json));
    }

    [Fact]
    public async Task A_403_is_not_queued_and_a_waiting_reply_or_reminder_refused_with_403_is_not_retried()
    {
        var watch = Stopwatch.StartNew();
        var connector = new OutageConnector { Failure = OutageConnector.Down("403") };
        var errors = new ErrorLog();
        var source = new ListReminderSource();
        using var host = NewHost(connector, errors, services => services.AddSingleton<IReminderSource>(source));

        // Removed from the conversation: the reply is refused at once (no retries), the turn fails as before, nothing waits.
        await PostOkAsync(host, Activities.GroupMention("测试调查", "user-1", "19:removed@thread.v2"));
        Assert.Equal(2, connector.Calls); // the reply and the apology, one call each
        Assert.Empty(Replies(host));
        Assert.False(errors.Errors.IsEmpty); // the failed turn is logged

        // A reply that waited through an outage, refused when the Connector is back (the bot was removed meanwhile).
        connector.Failure = null;
        const string conversation = "19:removed-later@thread.v2";
        await PostOkAsync(host, Activities.GroupMention("测试调查", "user-1", conversation));
        connector.Failure = OutageConnector.Down("503");
        await PostOkAsync(host, Activities.GroupMention("张三", "user-1", conversation));
        connector.Failure = OutageConnector.Down("403");
        // And a reminder into a group the bot was removed from.
        ReminderHosts.SeedWorkspace(host);
        source.Producers.Add(_ => ReminderHosts.Message("removed/1", host.Clock.GetUtcNow(), "学法提醒"));

        var calls = connector.Calls;
        var now = host.Clock.GetUtcNow();
        for (var i = 0; i < 24; i++) now = await TickAsync(host, now.AddMinutes(5)); // two hours
        Assert.Equal(2, connector.Calls - calls); // one call each, then given up
        var reply = Replies(host).Single(m => m.Lane is not null);
        Assert.Equal(OutboxStatus.Dead, reply.Status);
        Assert.StartsWith("refused", reply.LastError);
        var reminder = host.Service<OutboxStore>().Get("removed/1")!;
        Assert.Equal(OutboxStatus.Dead, reminder.Status);
        Assert.Equal(1, reminder.Attempts);
        Assert.True(watch.Elapsed < Bound, $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_reply_still_undelivered_after_a_day_is_given_up_and_no_longer_holds_up_its_conversation()
    {
        var connector = new OutageConnector();
        using var host = NewHost(connector, new ErrorLog());
        const string conversation = "19:long-outage@thread.v2";
        await PostOkAsync(host, Activities.GroupMention("测试调查", "user-1", conversation));
        connector.Failure = OutageConnector.Down("503");
        await PostOkAsync(host, Activities.GroupMention("张三", "user-1", conversation));

        var now = host.Clock.GetUtcNow();
        for (var i = 0; i < 50; i++) now = await TickAsync(host, now.AddMinutes(30)); // 25 hours
        var reply = Replies(host).Single();
        Assert.Equal(OutboxStatus.Dead, reply.Status);
        Assert.Contains("expired", reply.LastError);
        var calls = connector.Calls;
        for (var i = 0; i < 4; i++) now = await TickAsync(host, now.AddMinutes(30));
        Assert.Equal(calls, connector.Calls); // not tried any more

        connector.Failure = null;
        await PostOkAsync(host, Activities.GroupMention("3", "user-1", conversation));
        Assert.Equal(["请输入姓名", "受理日期"], connector.Accepted.Select(a => Prompt(a.Activity)).ToArray());
    }

    [Fact]
    public async Task ExpectReplies_answers_in_the_body_and_queues_nothing_while_the_connector_is_down()
    {
        var connector = new OutageConnector { Failure = OutageConnector.Down("unreachable") };
        using var host = NewHost(connector, new ErrorLog());
        var activity = Activities.GroupMention("测试调查", "user-1", "19:expect@thread.v2");
        activity.DeliveryMode = DeliveryModes.ExpectReplies;
        var response = await host.PostAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(BotJson.Options);
        Assert.Contains("请输入姓名", body.GetProperty("activities")[0].GetProperty("text").GetString());
        Assert.Equal(0, connector.Calls);
        Assert.Empty(host.Service<OutboxStore>().All());
    }

    private static BotHost NewHost(OutageConnector connector, ErrorLog errors, Action<IServiceCollection>? more = null, string? db = null) => new(db, settings: new()
    {
        ["Reminders:Enabled"] = "false", // the test runs the scheduler's rounds itself
        ["BotFramework:ConnectorMaxRetries"] = "2",
        ["BotFramework:ConnectorRetryBaseDelay"] = "00:00:00.010",
    }, configure: services =>
    {
        // The real Connector client (BotHost swaps in a recorder) over a scripted Connector.
        services.RemoveAll<IConnectorClient>();
        services.AddHttpClient<IConnectorClient, ConnectorClient>().ConfigurePrimaryHttpMessageHandler(() => connector);
        services.AddSingleton<Dialog, SurveyDialog>();
        services.AddSingleton<IBotCommand>(new BeginDialogCommand(SurveyDialog.Id, ["测试调查", "survey"], []));
        services.AddSingleton<ILoggerProvider>(errors);
        more?.Invoke(services);
    });

    /// <summary>The endpoint answers 200 whatever happened to the replies: the activity was processed.</summary>
    private static async Task PostOkAsync(BotHost host, Activity activity)
    {
        using var response = await host.PostAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<DateTimeOffset> TickAsync(BotHost host, DateTimeOffset now)
    {
        host.Clock.SetUtcNow(now);
        await host.Service<ReminderScheduler>().RunOnceAsync(now);
        return now;
    }

    private static DialogStateRecord StateOf(BotHost host, Activity activity) =>
        host.Service<IDialogStateStore>().Load(ConversationEngine.StateKey(activity))
        ?? throw new Xunit.Sdk.XunitException("no dialog state saved");

    private static List<OutboxMessage> Replies(BotHost host) =>
        host.Service<OutboxStore>().All().Where(ReplyOutbox.IsReply).ToList();

    private static string Prompt(Activity a) => new[] { "请输入姓名", "涉及人数", "受理日期", "类型" }.FirstOrDefault(p => a.AllText().Contains(p)) ?? a.AllText();
}

/// <summary>A Bot Connector that is up, or fails every call the way <see cref="Failure"/> says; records what it accepted.</summary>
internal sealed class OutageConnector : HttpMessageHandler
{
    private int _calls;
    private readonly List<(string Method, string Path, Activity Activity)> _accepted = new();

    public Func<HttpRequestMessage, HttpResponseMessage>? Failure { get; set; }
    /// <summary>Awaited before a call is answered: a slow Connector.</summary>
    public Func<Task>? Hold { get; set; }
    public int Calls => Volatile.Read(ref _calls);
    public IReadOnlyList<(string Method, string Path, Activity Activity)> Accepted { get { lock (_accepted) return _accepted.ToList(); } }

    public static Func<HttpRequestMessage, HttpResponseMessage> Down(string how) => how switch
    {
        "500" => _ => new HttpResponseMessage(HttpStatusCode.InternalServerError),
        "503" => _ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
        "429" => _ => new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new(TimeSpan.Zero) } },
        "403" => _ => new HttpResponseMessage(HttpStatusCode.Forbidden)
        {
            Content = new StringContent("""{"error":{"code":"BotNotInConversationRoster","message":"The bot is not part of the conversation roster."}}""", Encoding.UTF8, "application/json"),
        },
        "unreachable" => _ => throw new HttpRequestException("Connection refused (smba.trafficmanager.net:443)"),
        _ => throw new ArgumentOutOfRangeException(nameof(how)),
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var n = Interlocked.Increment(ref _calls);
        if (Hold is { } hold) await hold();
        if (Failure is { } fail) return fail(request);
        var body = request.Content is null ? "{}" : await request.Content.ReadAsStringAsync(ct);
        var activity = System.Text.Json.JsonSerializer.Deserialize<Activity>(body, BotJson.Options)!;
        lock (_accepted) _accepted.Add((request.Method.Method, request.RequestUri!.AbsolutePath, activity));
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent($"{{\"id\":\"m{n}\"}}", Encoding.UTF8, "application/json") };
    }
}
