using Stopwatch = System.Diagnostics.Stopwatch;
using System.Text.Json.Nodes;
using ChatBot.Bot.Channels.WeCom.LongConnection;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Reminders;
using ChatBot.Bot.Reminders.Leadership;
using ChatBot.Storage.Reminders;
using Microsoft.Extensions.DependencyInjection;
using ChatBot.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Npgsql;
using static ChatBot.Tests.WeCom.LongConnection.LongConnectionHarness;

namespace ChatBot.Tests.WeCom.LongConnection;

/// <summary>
/// Several bot instances on one PostgreSQL database and one WeCom robot: WeCom keeps one long connection per robot
/// (the fake server kicks the older one, as WeCom does), so exactly one instance holds it and another takes over when
/// the holder is gone.
/// </summary>
public sealed class WeComRobotLeaseTests
{
    private static LongConnectionHarness Instance(FakeLongConnectionServer server, string database) => new(server: server, settings: new()
    {
        ["Bot:Storage"] = "postgres",
        ["ConnectionStrings:Postgres"] = database,
        ["WeCom:RobotLeaseRetry"] = "00:00:01",
    });

    private static WeComRobotLease Lease(LongConnectionHarness h) => h.Bot.Host.Service<WeComRobotLease>();

    private static IReminderLeadership Reminders(LongConnectionHarness h) => h.Bot.Host.Service<IReminderLeadership>();

    private static IReplyChannel QueuedAnswerChannel(LongConnectionHarness h) =>
        h.Bot.Host.Services.GetServices<IReplyChannel>().Single(c => c.Handles(WeComLongConnectionReplies.Kind));

    private static async Task<JsonObject> HealthAsync(LongConnectionHarness h) =>
        JsonNode.Parse(await h.Bot.Client.GetStringAsync("/healthz"))!["wecomLongConnection"]!.AsObject();

    [Fact]
    public async Task Of_two_instances_only_the_lease_holder_connects_and_the_other_takes_over_within_seconds_when_its_lock_connection_dies()
    {
        await using var server = new FakeLongConnectionServer(BotId, Secret) { KickOlderSessions = true };
        var database = PostgresServer.NewDatabase();
        await using var a = Instance(server, database);
        await a.OnlineAsync();
        await using var b = Instance(server, database);
        await FakeLongConnectionServer.EventuallyAsync(() => b.Connection.State == WeComLongConnectionState.Standby, "the second instance to stand by");

        // Several lease rounds later, still one connection: the one that stands by never dials WeCom.
        await Task.Delay(2500);
        Assert.Equal(1, server.SessionCount);
        Assert.True(a.Connection.IsOnline);
        Assert.Equal(WeComLongConnectionState.Standby, b.Connection.State);
        var healthA = await HealthAsync(a);
        var healthB = await HealthAsync(b);
        Assert.Equal(("online", true), ((string)healthA["state"]!, (bool)healthA["heldHere"]!));
        Assert.Equal(("standby", false), ((string)healthB["state"]!, (bool)healthB["heldHere"]!));
        Assert.True(a.Log.Has(LogLevel.Information, $"now holds WeCom robot {BotId}'s long connection"));
        Assert.True(b.Log.Has(LogLevel.Information, $"WeCom robot {BotId}'s long connection is held by another instance"));
        // Messages arrive at the holder only, and it answers them.
        var reqId = await server.SendCallbackAsync(GroupText("@法治助手 帮助"));
        Assert.StartsWith("stream", (string)(await a.ReplyAsync(reqId))["body"]!["msgtype"]!);
        // The holder runs the reminders: the one standing by does not lead them (it could not push into the robot's chats).
        Assert.True(Reminders(a).TryLead());
        Assert.False(Reminders(b).TryLead());
        // An answer that waits for the connection (e.g. of a form submitted on B) is left to the holder by B, uncounted.
        var postponed = await Assert.ThrowsAsync<WeComRobotHeldElsewhereException>(() => QueuedAnswerChannel(b).DeliverAsync(
            new OutboxMessage { Key = "k", Kind = WeComLongConnectionReplies.Kind },
            new Activity { Type = ActivityTypes.Message, Text = "已收到", Conversation = new ConversationAccount { Id = ChatId } }, default));
        Assert.IsAssignableFrom<IDeliveryPostponed>(postponed);

        // A's database connection dies (A itself goes on running): A must let go of WeCom, B must take over.
        var watch = Stopwatch.StartNew();
        PostgresServer.TerminateBackend(Lease(a).BackendProcessId!.Value);
        await FakeLongConnectionServer.EventuallyAsync(() => b.Connection.IsOnline, "the second instance to take over", TimeSpan.FromSeconds(30));
        var tookOver = watch.Elapsed;
        await FakeLongConnectionServer.EventuallyAsync(() => a.Connection.State == WeComLongConnectionState.Standby, "the first instance to stand by");
        Assert.True(tookOver < TimeSpan.FromSeconds(10), $"took over after {tookOver}");
        Assert.Equal(2, server.SessionCount);
        Assert.Equal(1, server.LiveSessions);
        // A noticed at its lease check, or when WeCom kicked it for B's connection (whichever came first).
        Assert.True(a.Log.Has(LogLevel.Warning, $"lets go of WeCom robot {BotId}'s long connection"));
        Assert.True(b.Log.Has(LogLevel.Information, $"now holds WeCom robot {BotId}'s long connection"));
        Assert.True((bool)(await HealthAsync(b))["heldHere"]!);

        // The reminders follow the robot to B (A still holds the reminder lock until it is asked again).
        Assert.False(Reminders(a).TryLead());
        Assert.True(Reminders(b).TryLead());
        var reqId2 = await server.SendCallbackAsync(GroupText("@法治助手 帮助"));
        Assert.StartsWith("stream", (string)(await b.ReplyAsync(reqId2))["body"]!["msgtype"]!);

        // Still one connection a while later: A, standing by, does not dial in again and kick B.
        await Task.Delay(2500);
        Assert.Equal(2, server.SessionCount);
        Assert.True(b.Connection.IsOnline);
    }

    [Fact]
    public async Task A_holder_that_stops_hands_the_robot_over_at_once()
    {
        await using var server = new FakeLongConnectionServer(BotId, Secret) { KickOlderSessions = true };
        var database = PostgresServer.NewDatabase();
        var a = Instance(server, database);
        await a.OnlineAsync();
        await using var b = Instance(server, database);
        await FakeLongConnectionServer.EventuallyAsync(() => b.Connection.State == WeComLongConnectionState.Standby, "the second instance to stand by");

        await a.DisposeAsync(); // a clean stop: the lock's connection goes back to the pool, the lock must not stay with it

        await FakeLongConnectionServer.EventuallyAsync(() => b.Connection.IsOnline, "the second instance to take over", TimeSpan.FromSeconds(5));
        Assert.Equal(1, server.LiveSessions);
    }

    [Fact]
    public async Task On_LiteDB_the_one_process_always_holds_the_robot()
    {
        await using var h = new LongConnectionHarness();
        await h.OnlineAsync();
        Assert.False(Lease(h).IsShared);
        Assert.True(Lease(h).IsHeld);
        Assert.True((bool)(await HealthAsync(h))["heldHere"]!);
    }

    [Fact]
    public void The_robot_s_lock_key_is_stable_per_robot_and_never_the_reminder_leader_s_or_the_schema_upgrade_s()
    {
        Assert.Equal(WeComRobotLease.KeyOf("aib-1"), WeComRobotLease.KeyOf("aib-1"));
        Assert.NotEqual(WeComRobotLease.KeyOf("aib-1"), WeComRobotLease.KeyOf("aib-2"));
        foreach (var botId in new[] { "aib-1", "aib-2", BotId, "" })
        {
            Assert.NotEqual(PostgresLeadership.LockKey, WeComRobotLease.KeyOf(botId));
            Assert.NotEqual(0x63686174_73636831, WeComRobotLease.KeyOf(botId)); // PostgresSchema's
        }
    }
}
