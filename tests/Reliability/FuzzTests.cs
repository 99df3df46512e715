using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Storage;
using ChatBot.Tests.DirectLine;
using ChatBot.Tests.Infrastructure;
using LiteDatabase = LiteDB.LiteDatabase;

namespace ChatBot.Tests.Reliability;

/// <summary>
/// Malformed, truncated, oversized and wrong-typed bodies and card submissions against the HTTP endpoints, from a
/// fixed seed: every answer is below 500, the bot logs no error, and no record (anything beyond the conversation
/// bookkeeping) is created.
/// </summary>
[Collection(ReliabilitySuite.Name)]
public class FuzzTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>
    /// The collections that hold records (as opposed to conversation bookkeeping and card keys). The audit log is not
    /// one: a well-formed installation event in the seeds is audited, as it should be.
    /// </summary>
    public static readonly string[] RecordCollections =
    [
        ChatBot.Storage.Mediation.MediationStore.Cases, ChatBot.Storage.PlanTasks.PlanTaskStore.Collection,
        ChatBot.Storage.Study.StudyStore.Sessions, ChatBot.Storage.Study.StudyStore.Attendance, ChatBot.Storage.Study.StudyStore.Scores,
        ChatBot.Storage.Reminders.OutboxStore.Collection,
    ];

    [Fact]
    public async Task Messages_endpoint_never_answers_5xx_and_creates_no_record()
    {
        var errors = new ErrorLog();
        using var host = ReliabilityHost.Create(errors);
        var client = host.CreateClient();
        var fuzz = new BodyFuzzer(20260310);
        var seeds = MessageSeeds();
        var statuses = new Dictionary<int, int>();
        var started = DateTime.UtcNow;
        for (var i = 0; i < 2500; i++)
        {
            var (body, contentType) = fuzz.Next(seeds);
            using var content = new ByteArrayContent(body);
            if (contentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            using var response = await client.PostAsync("/api/messages", content);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            Assert.True(status < 500, $"case {i} answered {status}: {Preview(body)}");
            if (status >= 400) await AssertProblemBodyAsync(response, i);
        }
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(50));
        Assert.True(statuses.Keys.Count(s => s >= 400) >= 2, "the fuzzer should reach several rejection paths: " + string.Join(",", statuses.Keys));
        Assert.True(statuses.GetValueOrDefault(200) > 100, "the fuzzer should also reach the turn pipeline");
        output.WriteLine(string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
        // Turns that failed inside were answered with an apology (no 5xx, nothing saved); they are listed for the record.
        if (!errors.Errors.IsEmpty) output.WriteLine(ErrorLog.Summary(errors));
        AssertNoRecords(host);
    }

    [Fact]
    public async Task Direct_line_endpoints_never_answer_5xx_and_create_no_record()
    {
        var errors = new ErrorLog();
        using var host = ReliabilityHost.Create(errors);
        var dl = new DirectLineClient(host);
        await dl.StartAsync("fuzz-user");
        var client = host.CreateClient();
        var fuzz = new BodyFuzzer(31415);
        var seeds = DirectLineSeeds();
        string[] paths =
        [
            $"{DirectLineClient.Base}/conversations/{dl.ConversationId}/activities",
            $"{DirectLineClient.Base}/conversations",
            $"{DirectLineClient.Base}/tokens/generate",
            $"{DirectLineClient.Base}/tokens/refresh",
            $"{DirectLineClient.Base}/conversations/no-such-conversation/activities",
        ];
        for (var i = 0; i < 1500; i++)
        {
            var (body, contentType) = fuzz.Next(seeds);
            var path = paths[i % 5 == 4 ? fuzz.Pick(paths.Length) : 0];
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
            if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            if (i % 7 != 3) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + (i % 11 == 5 ? "forged" : dl.Token));
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"case {i} {path} answered {status}: {Preview(body)}");
        }
        // Watermarks of every shape on GET activities.
        foreach (var watermark in new[] { "-1", "abc", "99999999999999999999", "1.5", "%00", "" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{DirectLineClient.Base}/conversations/{dl.ConversationId}/activities?watermark={watermark}");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + dl.Token);
            using var response = await client.SendAsync(request);
            Assert.True((int)response.StatusCode < 500, $"watermark '{watermark}' answered {(int)response.StatusCode}");
        }
        if (!errors.Errors.IsEmpty) output.WriteLine(ErrorLog.Summary(errors));
        AssertNoRecords(host);
    }

    internal static void AssertNoRecords(BotHost host)
    {
        var db = host.Service<LiteDatabase>();
        foreach (var name in RecordCollections)
            Assert.True(db.GetCollection(name).Count() == 0, $"the fuzz created records in '{name}'");
    }

    private static async Task AssertProblemBodyAsync(HttpResponseMessage response, int i)
    {
        // A rejection says why in a small JSON body, never a stack trace.
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", text);
        if (text.Length > 0) Assert.True(JsonDocument.Parse(text).RootElement.TryGetProperty("error", out _) || (int)response.StatusCode == 401, $"case {i}: {text}");
    }

    private static string Preview(byte[] body) => body.Length > 300 ? Encoding.UTF8.GetString(body, 0, 300) + "…" : Encoding.UTF8.GetString(body);

    private static List<JsonNode> MessageSeeds()
    {
        var seeds = new List<JsonNode>();
        void Add(object a) => seeds.Add(JsonSerializer.SerializeToNode(a, ChatBot.Bot.Channels.BotFramework.Schema.BotJson.Options)!);
        Add(Activities.Message("帮助"));
        Add(Activities.GroupMention("测试调查", "fuzz-user", "19:fuzz@thread.v2"));
        Add(Activities.Message("测试调查", "fuzz-user-2", "conv-fuzz"));
        Add(Activities.Submit(new { choice = "family" }, "fuzz-user-2", "conv-fuzz"));
        Add(Activities.Submit(new { verb = "survey", name = "x", nested = new { a = new[] { 1, 2 } } }));
        // Feature commands and card submissions that are incomplete: mutations must never turn them into records.
        Add(Activities.Message("调解登记", "fuzz-user-6", "conv-fuzz-6"));
        Add(Activities.Submit(new { verb = "mediation.form", partyA = "", type = 3, date = "2026-13-40" }, "fuzz-user-6", "conv-fuzz-6"));
        Add(Activities.Submit(new { verb = "task.progress", id = "abc", progress = 250 }, "fuzz-user-7", "conv-fuzz-7"));
        Add(Activities.Submit(new { verb = "study.signin", sessionId = -1, date = "yesterday" }, "fuzz-user-7", "19:fuzz-7@thread.v2", "groupChat"));
        Add(Activities.GroupMention("安排学法 每月第二个周五", "fuzz-user-8", "19:fuzz-8@thread.v2"));
        var invoke = Activities.Message("", "fuzz-user-3");
        invoke.Type = "invoke";
        invoke.Name = "adaptiveCard/action";
        invoke.Text = null;
        invoke.Value = JsonSerializer.SerializeToElement(new { action = new { type = "Action.Execute", verb = "survey", data = new { x = 1 } }, trigger = "manual" });
        Add(invoke);
        var update = Activities.Message("", "fuzz-user-4");
        update.Type = "conversationUpdate";
        update.Text = null;
        update.MembersAdded = [new() { Id = Activities.BotId }, new() { Id = "fuzz-user-4" }];
        Add(update);
        var install = Activities.Message("", "fuzz-user-5");
        install.Type = "installationUpdate";
        install.Action = "add";
        install.Text = null;
        Add(install);
        return seeds;
    }

    private static List<JsonNode> DirectLineSeeds() =>
    [
        JsonNode.Parse("""{"type":"message","text":"帮助","locale":"zh-CN","textFormat":"plain","from":{"id":"fuzz-user","role":"user"},"channelData":{"clientActivityID":"c-1"}}""")!,
        JsonNode.Parse("""{"type":"message","text":"测试调查","from":{"id":"fuzz-user"}}""")!,
        JsonNode.Parse("""{"type":"message","value":{"choice":"family","verb":"survey"},"from":{"id":"fuzz-user"}}""")!,
        JsonNode.Parse("""{"type":"typing","from":{"id":"fuzz-user"}}""")!,
        JsonNode.Parse("""{"user":{"id":"fuzz-user","name":"模糊"},"locale":"en-US"}""")!,
    ];
}

/// <summary>Deterministic body mutations: truncation, wrong types, removals, junk, huge and deeply nested values.</summary>
internal sealed class BodyFuzzer(int seed)
{
    private readonly Random _random = new(seed);

    public int Pick(int n) => _random.Next(n);

    public (byte[] Body, string? ContentType) Next(IReadOnlyList<JsonNode> seeds)
    {
        var seed = seeds[_random.Next(seeds.Count)].DeepClone();
        var contentType = _random.Next(20) switch { 0 => null, 1 => "text/plain", 2 => "application/json; charset=gb2312", _ => "application/json" };
        var kind = _random.Next(100);
        byte[] body = kind switch
        {
            < 30 => Bytes(MutateTypes(seed, 1 + _random.Next(3))),
            < 45 => Truncate(Bytes(seed)),
            < 55 => Bytes(RemoveProperties(seed, 1 + _random.Next(3))),
            < 60 => Junk(),
            < 63 => Oversized(seed),
            < 66 => Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)),
            < 70 => Encoding.UTF8.GetBytes(Literals[_random.Next(Literals.Length)]),
            < 74 => InvalidUtf8(Bytes(seed)),
            < 80 => Bytes(WrongSubmission(seed)),
            _ => Bytes(MutateTypes(seed, 1)),
        };
        return (body, contentType);
    }

    private static readonly string[] Literals =
        ["", "null", "[]", "{}", "\"activity\"", "123", "true", "{\"type\":null}", "{\"type\":\"\"}", "{\"type\":\"message\"}",
         "{\"type\":\"message\",\"conversation\":{}}", "{\"type\":\"message\",\"channelId\":\"msteams\",\"conversation\":{\"id\":\"\"}}",
         "{\"type\":\"message\",\"channelId\":\"msteams\",\"conversation\":{\"id\":\"c\"},\"from\":null,\"text\":\"测试调查\"}",
         "{\"type\":\"invoke\",\"name\":\"adaptiveCard/action\",\"channelId\":\"msteams\",\"conversation\":{\"id\":\"c\"},\"value\":{\"action\":\"x\"}}",
         "{\"type\":\"message\",\"channelId\":\"msteams\",\"conversation\":{\"id\":\"c\"},\"value\":[1,2,3]}",
         "{\"type\":\"message\",\"type\":\"invoke\"}", "{\"type\":\"message\",\"timestamp\":\"not a date\"}", "\uFEFF{\"type\":\"message\"}"];

    private static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    private JsonNode RandomValue() => _random.Next(10) switch
    {
        0 => JsonValue.Create(_random.Next(int.MinValue, int.MaxValue))!,
        1 => JsonValue.Create(_random.NextDouble() * 1e300)!,
        2 => JsonValue.Create(_random.Next(2) == 0)!,
        3 => new JsonArray(JsonValue.Create("a"), JsonValue.Create(1), null),
        4 => new JsonObject { ["x"] = new JsonObject { ["y"] = "z" } },
        5 => JsonValue.Create(new string('长', 2000 + _random.Next(20000)))!,
        6 => JsonValue.Create("")!,
        7 => JsonValue.Create("\u0000\u200b<at>x</at>\ud83d\ude00'\";--")!,
        8 => JsonValue.Create("2026-02-30T25:61:00Z")!,
        _ => JsonValue.Create("-1e999")!,
    };

    private JsonNode MutateTypes(JsonNode node, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var (parent, key) = RandomSlot(node);
            if (parent is JsonObject o && key is string k) o[k] = _random.Next(8) == 0 ? null : RandomValue();
            else if (parent is JsonArray a && key is int idx) a[idx] = RandomValue();
        }
        return node;
    }

    private JsonNode RemoveProperties(JsonNode node, int count)
    {
        for (var i = 0; i < count; i++)
            if (RandomSlot(node) is (JsonObject o, string k)) o.Remove(k);
        return node;
    }

    /// <summary>A card submission whose value has the wrong shape: a string, array, number or huge nested object.</summary>
    private JsonNode WrongSubmission(JsonNode node)
    {
        if (node is not JsonObject o) return node;
        o["value"] = _random.Next(5) switch
        {
            0 => "not an object",
            1 => new JsonArray(1, 2, 3),
            2 => 42,
            3 => new JsonObject { ["choice"] = new JsonArray("family"), ["verb"] = 7, ["action"] = "Action.Submit" },
            _ => Nested(200),
        };
        if (_random.Next(2) == 0) o.Remove("text");
        return node;
    }

    private static JsonNode Nested(int depth)
    {
        JsonNode inner = JsonValue.Create("deep")!;
        for (var i = 0; i < depth; i++) inner = new JsonObject { ["v"] = inner };
        return inner;
    }

    /// <summary>A random property slot anywhere in the tree (parent and key or index), weighted to reach nested ones.</summary>
    private (JsonNode? Parent, object? Key) RandomSlot(JsonNode root)
    {
        JsonNode current = root;
        (JsonNode?, object?) slot = (null, null);
        for (var depth = 0; depth < 6; depth++)
        {
            switch (current)
            {
                case JsonObject o when o.Count > 0:
                    var prop = o.ElementAt(_random.Next(o.Count));
                    slot = (o, prop.Key);
                    if (prop.Value is null || _random.Next(3) == 0) return slot;
                    current = prop.Value;
                    break;
                case JsonArray a when a.Count > 0:
                    var i = _random.Next(a.Count);
                    slot = (a, i);
                    if (a[i] is null || _random.Next(3) == 0) return slot;
                    current = a[i]!;
                    break;
                default:
                    return slot;
            }
        }
        return slot;
    }

    private byte[] Truncate(byte[] bytes) => bytes[..Math.Max(1, _random.Next(bytes.Length))];

    private byte[] Junk()
    {
        var bytes = new byte[1 + _random.Next(2000)];
        _random.NextBytes(bytes);
        return bytes;
    }

    private byte[] Oversized(JsonNode seed)
    {
        if (seed is JsonObject o) o["text"] = new string('大', 100_000 + _random.Next(200_000));
        return Bytes(seed);
    }

    private byte[] InvalidUtf8(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        for (var i = 0; i < 3; i++) copy[_random.Next(copy.Length)] = (byte)(0x80 + _random.Next(0x40));
        return copy;
    }
}
