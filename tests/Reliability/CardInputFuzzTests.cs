using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Bot.Channels.BotFramework.Schema;
using BotJson = ChatBot.Bot.Channels.BotFramework.Schema.BotJson;
using ChatBot.Storage.Mediation;
using ChatBot.Storage.PlanTasks;
using ChatBot.Storage.Study;
using ChatBot.Tests.Infrastructure;
using static ChatBot.Tests.Mediation.MediationTestKit;

namespace ChatBot.Tests.Reliability;

/// <summary>
/// Every input of every card the features show, and every argument of every command, with numbers out of range,
/// wrong JSON types, huge strings and control characters (issue #20, item 3). The cards are not listed by hand: the
/// bot is asked for them, and each Action.Submit found in its replies is sent back with one input (or data field)
/// replaced at a time. Each answer must be a polite message or the card again, never the generic apology, never a 5xx,
/// nothing logged as an error; afterwards every stored record is whole and the lists, statistics and exports that read
/// them still work.
/// </summary>
[Collection(ReliabilitySuite.Name)]
public class CardInputFuzzTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string User = "user-1";
    private const string Conversation = "webchat-conv-fuzz";
    private const string Workspace = "local:office";

    /// <summary>The commands that show the cards to fuzz (after the setup: case 2026-001, tasks 1–3, study session 1).</summary>
    private static readonly string[] CardCommands =
    [
        "调解登记", "调解 2026-001", "回访 2026-001", "调解结果 2026-001", "调解列表",
        "安排学法", "学法安排", "签到",
        "更新进度 1", "任务详情 1", "新建任务", "编辑任务 1", "完成任务 2", "导入计划", "任务列表 全部", "逾期任务",
    ];

    /// <summary>Card input ids that must have been reached (so a card that stops showing fails this test, not silently shrinks it).</summary>
    private static readonly string[] ExpectedInputs =
    [
        "receivedOn", "source", "disputeType", "village", "party1Name", "party1Phone", "party2Name", "party2Phone", "party3Name", "party3Phone",
        "people", "amount", "summary", "mediators", "status", "agreementForm", "major", "collective",
        "title", "law", "format", "rule", "presenter", "location", "materials", "expected", "newDate", "newTime",
        "progress", "note", "plan", "year", "section", "owners", "department", "due", "text",
    ];

    /// <summary>Commands with their arguments; {n} is the n-th argument, filled with the valid value or a bad one.</summary>
    private static readonly (string Template, string[] Valid)[] CommandArguments =
    [
        ("调解 {0}", ["2026-001"]), ("回访 {0}", ["2026-001"]), ("调解结果 {0}", ["2026-001"]),
        ("调解列表 {0}", ["未结"]), ("调解列表 第{0}页", ["1"]), ("mediations page {0}", ["1"]),
        ("调解统计 {0}", ["2026"]), ("调解统计 {0}-{1}", ["2026", "03"]), ("导出调解台账 {0}", ["2026"]),
        ("签到名单 {0} {1}", ["1", "2026-04-03"]), ("学法统计 {0}", ["2026"]), ("取消学法 {0} {1}", ["1", "2026-04-03"]),
        ("学法提醒设置 {0} {1}", ["16:00", "60"]), ("调整学法 {0} {1} {2} {3}", ["1", "2026-04-03", "2026-04-10", "15:00"]),
        ("记录成绩 {0} {1} 张三 {2}", ["1", "2026-04-03", "90"]),
        ("更新进度 {0}", ["1"]), ("更新进度 {0} {1}", ["1", "50%"]), ("取消任务 {0} {1}", ["3", "重复"]),
        ("任务列表 {0}", ["全部"]), ("任务列表 部门 {0}", ["司法所"]), ("任务详情 {0}", ["1"]), ("编辑任务 {0}", ["1"]),
        ("完成任务 {0}", ["2"]), ("逾期任务 {0}", ["我的"]), ("进度公开 {0}", ["本周"]),
    ];

    private static readonly string[] BadArguments =
    [
        "0", "-1", "3000000000", "-3000000000", "99999999999999999999999", "1e400", "NaN", "Infinity", "1.5",
        "2026-02-30", "9999-12-31", "0000-00-00", "2026-13-01", "25:61", "第3000000000页", "2026-00",
        "\u0000\u0007\u001b[31m\u202e", new string('长', 5000), "一千亿", "二〇二六", "%s{0}", "💥", "-",
    ];

    /// <summary>Bad card values: JSON text, parsed into the submitted value (strings, numbers, other types).</summary>
    private static readonly string[] BadValues =
    [
        "\"1e400\"", "\"-1e400\"", "\"NaN\"", "\"Infinity\"", "\"1e30\"", "\"3000000000\"", "\"-3000000000\"",
        "\"999999999999999999999999999999999999999999999999999999999999\"", "\"-1\"", "\"0.5\"", "\"\"", "\"   \"",
        "\"2026-02-30\"", "\"0001-01-01\"", "\"9999-12-31\"", "\"2026-13-45\"", "\"25:61\"",
        "\"\\u0000\\u0001\\u0007\\u001b[31m\\u202e\"", "\"<at>x</at>\\ud83d\\ude00'\\\";--\"",
        "1e308", "-1e308", "3000000000", "0", "true", "[1,2]", "{\"a\":{\"b\":1}}", "null",
        JsonSerializer.Serialize(new string('长', 20_000)), // well past every limit, within the 256 KB body limit
    ];

    /// <summary>The bad values that break a type or a range for every field, and a third of the others (rotating).</summary>
    private static IEnumerable<string> ValuesFor(int field) =>
        BadValues.Where((v, i) => i % 3 == field % 3 || v.Length > 1000 || v is "\"1e400\"" or "\"NaN\"" or "1e308" or "[1,2]" or "null"
            || v.StartsWith("\"\\u0000", StringComparison.Ordinal));

    [Fact]
    public async Task Every_card_input_with_bad_values_gets_a_polite_answer_and_saves_nothing_broken()
    {
        var errors = new ErrorLog();
        using var host = ReliabilityHost.Create(errors, settings: new() { ["Reminders:Enabled"] = "false" });
        await SetUpAsync(host);
        var started = DateTime.UtcNow;
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var submits = 0;
        var fuzzed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var command in CardCommands)
        {
            await host.SendAsync(Say("取消")); // whatever card the last fuzz left waiting
            var shown = await host.SendAsync(Say(command));
            var actions = SubmitActions(shown).ToList();
            if (actions.Count == 0)
            {
                // A step-by-step dialog asks in text: its first answer, typed and as a card's text field.
                foreach (var bad in BadArguments)
                {
                    await host.SendAsync(Say(command));
                    await AssertPoliteAsync(host, errors, Say(bad), $"'{command}' answered {Preview(bad)}");
                    await host.SendAsync(Say(command));
                    await AssertPoliteAsync(host, errors, Click(new JsonObject { ["text"] = bad }), $"'{command}' answered by a submit {Preview(bad)}");
                    submits += 2;
                }
                continue;
            }
            // The cards shown by a command, then those its buttons show when clicked as they are (one level down).
            var queue = new Queue<(SubmitAction Action, Activity[] Replay)>(actions.Select(a => (a, new[] { Say(command) })));
            var followed = 0;
            while (queue.TryDequeue(out var item))
            {
                var (action, replay) = item;
                var fields = action.Inputs.Keys.Concat(action.Data.Select(d => d.Key).Where(k => k != "verb")).Distinct().ToList();
                if (!fuzzed.Add(action.Signature(fields))) continue;
                foreach (var field in fields)
                {
                    reached.Add(field);
                    foreach (var bad in ValuesFor(fields.IndexOf(field)))
                    {
                        // A submit without a verb answers the prompt that showed its card: show it again first.
                        if (!action.Data.ContainsKey("verb")) foreach (var step in replay) await host.SendAsync(Renew(step));
                        var value = action.Build(field, JsonNode.Parse(bad), ++submits);
                        await AssertPoliteAsync(host, errors, Click(value), $"'{command}' {action.Data.ToJsonString()} {field} = {Preview(bad)}");
                    }
                }
                if (replay.Length > 1 || !Followable(action)) continue;
                foreach (var step in replay) await host.SendAsync(Renew(step));
                var click = Click(action.Build(null, null, ++submits));
                var next = await host.SendAsync(click);
                followed++;
                foreach (var revealed in SubmitActions(next)) queue.Enqueue((revealed, [.. replay, click]));
            }
            output.WriteLine($"'{command}': {actions.Count} buttons, {followed} followed");
        }
        foreach (var id in ExpectedInputs) Assert.True(reached.Contains(id), $"no card input '{id}' was reached; reached: {string.Join(", ", reached.Order())}");
        output.WriteLine($"{submits} submits over {reached.Count} fields in {(DateTime.UtcNow - started).TotalSeconds:F0} s");
        await AssertRecordsWholeAsync(host, errors);
    }

    [Fact]
    public async Task Every_command_argument_with_bad_values_gets_a_polite_answer()
    {
        var errors = new ErrorLog();
        using var host = ReliabilityHost.Create(errors, settings: new() { ["Reminders:Enabled"] = "false" });
        await SetUpAsync(host);
        var started = DateTime.UtcNow;
        var commands = 0;
        foreach (var (template, valid) in CommandArguments)
            for (var slot = 0; slot < valid.Length; slot++)
                foreach (var bad in BadArguments)
                {
                    var args = valid.Select((v, i) => i == slot ? bad : v).ToArray<object>();
                    var text = string.Format(template, args);
                    commands++;
                    await AssertPoliteAsync(host, errors, Say(text), Preview(text));
                    await AssertPoliteAsync(host, errors, Say("取消"), "cancel after " + Preview(text));
                }
        output.WriteLine($"{commands} commands in {(DateTime.UtcNow - started).TotalSeconds:F0} s");
        await AssertRecordsWholeAsync(host, errors);
    }

    /// <summary>Case 2026-001, tasks 1–3 and study session 1 in the Web Chat workspace.</summary>
    private static async Task SetUpAsync(BotHost host)
    {
        var formId = FormIdOf(await host.SendAsync(Say("调解登记")));
        Assert.Contains("已登记,案号 2026-001", (await host.SendAsync(Click(JsonSerializer.SerializeToNode(ValidForm(formId))!.AsObject()))).AllText());

        var import = Say("导入计划");
        const string csv = "计划,板块,任务,责任人,责任部门,完成时限\n"
            + "2026年依法行政工作计划,(三)规范执法,全面推行行政执法公示制度,王小明,综合执法办,2026-03-05\n"
            + "2026年依法行政工作计划,(三)规范执法,开展执法案卷评查,李四,司法所,2026年3月14日\n"
            + "2026年依法行政工作计划,(四)法治宣传,宪法宣传周,王小明,司法所,年底\n";
        import.Attachments = [new Attachment { ContentType = "text/csv", Name = "计划.csv", ContentUrl = "data:text/csv;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(csv)) }];
        Assert.Contains("导入预览", (await host.SendAsync(import)).AllText());
        Assert.Contains("导入完成", (await host.SendAsync(Click(new JsonObject { ["choice"] = "yes" }))).AllText());

        Assert.Contains("安排学法活动", (await host.SendAsync(Say("安排学法"))).AllText());
        var study = JsonSerializer.SerializeToNode(ChatBot.Tests.Study.StudyTestKit.Form("每月第一个周五 15:00"))!.AsObject();
        Assert.Contains("已安排学法活动 #", (await host.SendAsync(Click(study))).AllText());
    }

    private static async Task AssertPoliteAsync(BotHost host, ErrorLog errors, Activity activity, string what)
    {
        var sent = host.Connector.Sent.Count;
        var updated = host.Connector.Updated.Count;
        using var response = await host.PostAsync(activity);
        Assert.True((int)response.StatusCode < 500, $"{what}: HTTP {(int)response.StatusCode}");
        Assert.True(response.IsSuccessStatusCode, $"{what}: HTTP {(int)response.StatusCode}");
        var replies = host.Connector.Sent.Skip(sent).ToList();
        BotHost.AssertCardsValid(replies);
        var text = replies.AllText();
        Assert.True(replies.Count > 0 || host.Connector.Updated.Count > updated, $"{what}: no answer");
        Assert.False(text.Contains(OutOfRangeInputTests.Apology, StringComparison.Ordinal), $"{what}: the generic apology\n{ErrorLog.Summary(errors)}");
        Assert.False(text.Contains("   at ", StringComparison.Ordinal) || text.Contains("Exception", StringComparison.Ordinal), $"{what}: a stack trace in the reply");
        Assert.True(errors.Errors.IsEmpty, $"{what}: {ErrorLog.Summary(errors)}");
    }

    /// <summary>Every record is whole and within the rules, and everything that reads them all still answers.</summary>
    private static async Task AssertRecordsWholeAsync(BotHost host, ErrorLog errors)
    {
        foreach (var c in host.Service<MediationStore>().All(Workspace))
        {
            Assert.Matches(@"^\d{4}-\d{3,}$", c.CaseNo);
            Assert.InRange(c.ReceivedOn.Year, 2000, 2026);
            Assert.InRange(c.PeopleInvolved, 1, MediationRules.MaxPeople);
            Assert.InRange(c.AmountInvolved, 0m, MediationRules.MaxAmount);
            Assert.InRange(c.Village.Length, 1, MediationRules.MaxVillageLength);
            Assert.InRange(c.Summary.Length, 1, MediationRules.MaxSummaryLength);
            Assert.InRange(c.Parties.Count, 1, MediationRules.MaxParties);
            Assert.All(c.Parties, p => Assert.InRange(p.Name.Length, 1, MediationRules.MaxNameLength));
            Assert.NotEmpty(c.Mediators);
            Assert.All(c.FollowUps, f => Assert.InRange(f.Date.Year, 2000, 2026));
        }
        foreach (var t in host.Service<PlanTaskStore>().All(Workspace))
        {
            Assert.InRange(t.Progress, 0, 100);
            Assert.InRange(t.Title.Length, 1, 1000);
            Assert.InRange(t.PlanYear, 2000, 2100);
        }
        foreach (var s in host.Service<StudyStore>().All())
        {
            Assert.InRange(s.Title.Length, 1, 100);
            Assert.InRange(s.Law.Length, 1, 100);
        }
        foreach (var command in new[] { "调解列表", "调解统计", "导出调解台账", "调解 2026-001", "任务列表 全部", "逾期任务", "进度公开", "任务详情 1", "学法安排", "学法统计" })
            await AssertPoliteAsync(host, errors, Say(command), "after the fuzz: " + command);
    }

    private static Activity Say(string text) => Activities.Message(text, User, Conversation, "webchat", "personal");

    private static Activity Click(JsonObject value)
    {
        var a = Activities.Submit(new { }, User, Conversation, "personal", replyToId: "bot-card-1");
        a.ChannelId = "webchat";
        a.Value = JsonDocument.Parse(value.ToJsonString()).RootElement.Clone();
        return a;
    }

    /// <summary>Buttons whose click shows another card or step; not those that end or destroy something.</summary>
    private static bool Followable(SubmitAction action) =>
        action.Data["verb"]?.GetValue<string>() is not ("cancel" or "study.cancelOccurrence" or "study.signin" or "mediation.form")
        && !(action.Data.ContainsKey("choice") && action.Data["choice"]?.ToString() is "no" or "yes");

    /// <summary>The same activity with a new id (a repeated id is a redelivery, and is not handled again).</summary>
    private static Activity Renew(Activity a)
    {
        var copy = JsonSerializer.Deserialize<Activity>(JsonSerializer.Serialize(a, BotJson.Options), BotJson.Options)!;
        copy.Id = "renew-" + Guid.NewGuid().ToString("N");
        return copy;
    }

    private static string Preview(string s) => s.Length > 80 ? s[..80] + "…" : s;

    /// <summary>An Action.Submit of a card: its data, and the inputs of its card with the values the card shows.</summary>
    private sealed record SubmitAction(JsonObject Data, Dictionary<string, JsonNode?> Inputs)
    {
        /// <summary>What the channel would post with <paramref name="field"/> replaced; a fresh form id unless that is the field.</summary>
        public JsonObject Build(string? field, JsonNode? bad, int n)
        {
            var value = new JsonObject();
            foreach (var (id, v) in Inputs) value[id] = v?.DeepClone();
            foreach (var (k, v) in Data) value[k] = v?.DeepClone();
            if (value.ContainsKey("formId") && field != "formId") value["formId"] = $"fuzz-{n}";
            if (field is not null) value[field] = bad;
            return value;
        }

        /// <summary>What tells two buttons apart for the fuzz: the verb (or prompt) and the fields.</summary>
        public string Signature(IEnumerable<string> fields) =>
            (Data["verb"]?.ToJsonString() ?? Data["form"]?.ToJsonString() ?? "prompt") + ":" + string.Join(",", fields.Order(StringComparer.Ordinal));
    }

    /// <summary>Every Action.Submit in the replies' cards, with the inputs of the card it belongs to (show cards included).</summary>
    private static IEnumerable<SubmitAction> SubmitActions(IEnumerable<Activity> replies)
    {
        foreach (var reply in replies)
        {
            if (reply.Card() is not { } card) continue;
            var root = JsonNode.Parse(card.GetRawText())!;
            var inputs = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            var actions = new List<JsonObject>();
            Walk(root, inputs, actions);
            foreach (var action in actions)
            {
                var data = action["data"] as JsonObject ?? new JsonObject();
                var none = action["associatedInputs"]?.GetValue<string>() == "none";
                yield return new SubmitAction((JsonObject)data.DeepClone(), none ? [] : inputs.ToDictionary(i => i.Key, i => i.Value?.DeepClone()));
            }
        }

        static void Walk(JsonNode? node, Dictionary<string, JsonNode?> inputs, List<JsonObject> actions)
        {
            switch (node)
            {
                case JsonObject o:
                    var type = o["type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
                    if (type?.StartsWith("Input.", StringComparison.Ordinal) == true && o["id"]?.GetValue<string>() is { } id)
                        inputs[id] = o["value"]?.DeepClone() ?? (type == "Input.Toggle" ? JsonValue.Create("false") : JsonValue.Create(""));
                    if (type == "Action.Submit") actions.Add(o);
                    foreach (var (_, child) in o) Walk(child, inputs, actions);
                    break;
                case JsonArray a:
                    foreach (var child in a) Walk(child, inputs, actions);
                    break;
            }
        }
    }
}
