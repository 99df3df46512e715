using System.Net;
using System.Text.Json;
using ChatBot.Tests.DirectLine;

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
}
