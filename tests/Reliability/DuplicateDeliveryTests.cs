using System.Net;
using System.Text.Json;
using ChatBot.Tests.DirectLine;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.Reliability;

/// <summary>
/// A channel that retries delivers the same message again. /api/messages redeliveries are covered in
/// tests/BotFramework; here: Direct Line, where the page's clientActivityID is what identifies a retried post.
/// </summary>
[Collection(ReliabilitySuite.Name)]
public class DuplicateDeliveryTests
{
    [Fact]
    public async Task The_same_direct_line_post_ten_times_at_once_runs_one_turn()
    {
        var errors = new ErrorLog();
        using var host = ReliabilityHost.Create(errors);
        var dl = new DirectLineClient(host);
        await dl.StartAsync("dup-user");
        await dl.PollAsync(); // the greeting

        var post = new
        {
            type = "message", text = "测试调查", locale = "zh-CN",
            from = new { id = "dup-user", role = "user" },
            channelData = new { clientActivityID = "client-dup-1" },
        };
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => dl.PostActivityAsync(post)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var ids = new HashSet<string>();
        foreach (var r in responses) ids.Add(JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!);
        Assert.Single(ids); // every retry is told the id of the one accepted activity

        var log = await dl.PollAsync();
        Assert.Single(log, a => a.From?.Id == "dup-user" && a.Text == "测试调查");
        Assert.Single(log, a => a.Text?.Contains("请输入姓名") == true);
        // And the dialog moved one step, not ten: the next answer is taken as the name.
        await dl.SayAsync("王五", "dup-user");
        Assert.Contains("涉及人数", string.Join("\n", (await dl.PollAsync()).Select(a => a.Text)));
        Assert.True(errors.Errors.IsEmpty, ErrorLog.Summary(errors));
    }

    [Fact]
    public async Task A_message_redelivered_after_a_restart_does_not_move_the_dialog_again()
    {
        var errors = new ErrorLog();
        var db = TempPaths.NewDatabase();
        const string conversation = "19:redeliver@thread.v2";
        var name = Activities.GroupMention("张三", "user-1", conversation);
        using (var before = ReliabilityHost.Create(errors, db))
        {
            await before.SendAsync(Activities.GroupMention("测试调查", "user-1", conversation));
            Assert.Contains("涉及人数", string.Join("\n", (await before.SendAsync(name)).Select(a => a.Text)));
        }

        // The Bot Connector retries the same activity (same id) to the restarted bot, which has no in-memory ids yet.
        using var after = ReliabilityHost.Create(errors, db);
        Assert.Empty(await after.SendAsync(name));
        // The dialog is still waiting for the number of people, so "3" is taken as that answer.
        Assert.Contains("受理日期", string.Join("\n", (await after.SendAsync(Activities.GroupMention("3", "user-1", conversation))).Select(a => a.Text)));
        Assert.True(errors.Errors.IsEmpty, ErrorLog.Summary(errors));
    }

    [Fact]
    public async Task A_question_redelivered_after_a_restart_is_not_answered_again()
    {
        var errors = new ErrorLog();
        var db = TempPaths.NewDatabase();
        const string conversation = "19:redeliver-question@thread.v2";
        // A question that changes no dialog state: only its id needs remembering.
        var question = Activities.GroupMention("逾期任务", "user-2", conversation);
        using (var before = ReliabilityHost.Create(errors, db))
            Assert.NotEmpty(await before.SendAsync(question));

        using var after = ReliabilityHost.Create(errors, db);
        Assert.Empty(await after.SendAsync(question));
        // The same question asked again (a new activity) is answered as usual.
        Assert.NotEmpty(await after.SendAsync(Activities.GroupMention("逾期任务", "user-2", conversation)));
        Assert.True(errors.Errors.IsEmpty, ErrorLog.Summary(errors));
    }
}
