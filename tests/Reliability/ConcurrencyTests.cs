using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Storage;
using ChatBot.Storage.Conversations;
using ChatBot.Tests.Infrastructure;
using LiteDB;

namespace ChatBot.Tests.Reliability;

/// <summary>Many people filling forms at once: nothing lost, nothing crossing between users or workspaces.</summary>
[Collection(ReliabilitySuite.Name)]
public class ConcurrencyTests
{
    private const int Groups = 1000;
    private const int UsersPerGroup = 2;
    private static readonly string[] Types = ["family", "neighbour"];

    [Fact]
    public async Task A_thousand_groups_with_two_users_each_filling_a_dialog_at_once_get_exactly_their_own_values()
    {
        var errors = new ErrorLog();
        using var host = ReliabilityHost.Create(errors);
        // One turn first, so the test server exists before 2,000 tasks ask for it: WebApplicationFactory builds its
        // server lazily without a lock, and racing first calls built two hosts on one LiteDB file (seen as page errors).
        await host.SendAsync(Activities.GroupMention("帮助", "warm-up", "19:warm-up@thread.v2"));
        var started = DateTime.UtcNow;

        // Every user walks the five-turn survey with values that are theirs alone; all 2,000 walks run together.
        var walks = Enumerable.Range(0, Groups).SelectMany(g => Enumerable.Range(0, UsersPerGroup).Select(u => WalkAsync(host, g, u)));
        var all = Task.WhenAll(walks);
        try { await all; } catch { } // the failures are reported below, after the bot's own error log
        Assert.True(errors.Errors.IsEmpty, ErrorLog.Summary(errors));
        Assert.True(all.IsCompletedSuccessfully, string.Join("\n", all.Exception?.InnerExceptions.Take(3).Select(e => e.Message) ?? []));
        Assert.True(errors.Errors.IsEmpty, ErrorLog.Summary(errors));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(55), $"the concurrent walks took {(DateTime.UtcNow - started).TotalSeconds:F0} s");

        var sent = host.Connector.Sent.Where(r => r.Conversation!.Id != "19:warm-up@thread.v2").ToList();
        // Every reply went to the conversation and the user whose turn it answered.
        var byUser = sent.GroupBy(r => (r.Conversation!.Id, r.Recipient!.Id)).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(Groups * UsersPerGroup, byUser.Count);
        foreach (var ((conversation, user), replies) in byUser)
        {
            var (g, u) = Parse(conversation!, user!);
            Assert.Equal(5, replies.Count);
            // In a group the reply may start with an @mention of the user; the values follow "DONE ".
            var done = Assert.Single(replies, r => r.Text?.Contains("DONE {") == true);
            var values = JsonDocument.Parse(done.Text![(done.Text!.IndexOf("DONE {") + 5)..]).RootElement;
            Assert.Equal(NameOf(g, u), values.GetProperty("name").GetString());
            Assert.Equal(PeopleOf(g, u), values.GetProperty("people").GetInt32());
            Assert.Equal(DateOf(g, u), values.GetProperty("date").GetString());
            Assert.Equal(Types[(g + u) % 2], values.GetProperty("type").GetString());
        }
        // One choice card stands for all of them (same builder): it must parse in the official renderer.
        BotHost.AssertCardsValid([sent.First(r => r.Attachments is { Count: > 0 })]);

        // No lost update: each user's state record was written once per turn (5) and ends with an empty stack.
        host.Dispose();
        using var db = ChatBotDatabase.Open(host.DatabasePath);
        // (The warm-up question has a record too: it remembers that activity's id. The walkers' records are the rest.)
        var warmUpKey = ChatBot.Bot.Conversation.ConversationEngine.StateKey(Activities.GroupMention("帮助", "warm-up", "19:warm-up@thread.v2"));
        var states = db.GetCollection<DialogStateRecord>(ChatBotDatabase.DialogState).FindAll().Where(s => s.Id != warmUpKey).ToList();
        Assert.Equal(Groups * UsersPerGroup, states.Count);
        Assert.All(states, s =>
        {
            Assert.Equal(5, s.Version);
            Assert.Equal(0, JsonDocument.Parse(s.Json).RootElement.GetProperty("stack").GetArrayLength());
        });
        // Each group chat is its own workspace with exactly its two members.
        var members = db.GetCollection<WorkspaceMember>(ChatBotDatabase.Members).FindAll().Where(m => !m.WorkspaceId.Contains("warm-up")).ToList();
        Assert.Equal(Groups * UsersPerGroup, members.Count);
        Assert.All(members.GroupBy(m => m.WorkspaceId), ws => Assert.Equal(UsersPerGroup, ws.Count()));
    }

    /// <summary>Turns in flight at once (every walk is started together; each waits here for a slot per turn).</summary>
    private static readonly SemaphoreSlim InFlight = new(int.TryParse(Environment.GetEnvironmentVariable("RELIABILITY_IN_FLIGHT"), out var n) ? n : 64);

    private static async Task WalkAsync(BotHost host, int g, int u)
    {
        await Task.Yield();
        string[] turns = ["测试调查", NameOf(g, u), PeopleOf(g, u).ToString(), DateOf(g, u), Types[(g + u) % 2]];
        foreach (var text in turns)
        {
            var activity = Activities.GroupMention(text, UserOf(g, u), ConversationOf(g));
            if (text == turns[^1])
            {
                // The last answer is a card button, as people click it.
                activity = Activities.Submit(new { choice = text }, UserOf(g, u), ConversationOf(g), "groupChat");
            }
            await InFlight.WaitAsync();
            HttpResponseMessage response;
            try { response = await host.PostAsync(activity); }
            finally { InFlight.Release(); }
            if (response.StatusCode != System.Net.HttpStatusCode.OK) throw new InvalidOperationException($"{UserOf(g, u)} '{text}': HTTP {(int)response.StatusCode}");
        }
    }

    private static string ConversationOf(int g) => $"19:load-{g}@thread.v2";
    private static string UserOf(int g, int u) => $"user-{g}-{u}";
    private static string NameOf(int g, int u) => $"姓名{g}-{u}";
    private static int PeopleOf(int g, int u) => g * UsersPerGroup + u + 1;
    private static string DateOf(int g, int u) => new DateOnly(2026, 1, 1).AddDays((g * UsersPerGroup + u) % 60).ToString("yyyy-MM-dd");

    private static (int G, int U) Parse(string conversation, string user)
    {
        var parts = user.Split('-');
        var (g, u) = (int.Parse(parts[1]), int.Parse(parts[2]));
        Assert.Equal(ConversationOf(g), conversation); // a reply to this user in another group would be cross-talk
        return (g, u);
    }
}
