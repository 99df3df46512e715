using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Tests.WeCom;

namespace ChatBot.Tests.Reliability;

/// <summary>WeCom callbacks: retried msgids run once even when they arrive together, and bad bodies never cause a 5xx.</summary>
[Collection(ReliabilitySuite.Name)]
public class WeComReliabilityTests
{
    [Fact]
    public async Task The_same_msgid_ten_times_at_once_runs_one_turn()
    {
        using var h = new WeComChannelHarness();
        var msgId = WeComChannelHarness.NewMsgId();
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => h.PostRobotRawAsync(WeComChannelHarness.GroupText("计数", msgId: msgId).ToJsonString())));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var answered = 0;
        foreach (var r in responses)
            if (h.DecryptReply(await r.Content.ReadAsStringAsync()) is { } reply && ((string?)reply["stream"]?["content"])?.Contains("计数:") == true) answered++;
        Assert.Equal(1, answered);
        Assert.Equal(1, h.Host.Service<CountingCommand>().Count);
    }

    [Fact]
    public async Task Malformed_callbacks_never_answer_5xx_and_create_no_record()
    {
        using var h = new WeComChannelHarness();
        var fuzz = new BodyFuzzer(8080);
        // Inside a valid envelope (signed and encrypted, as WeCom would send it) the plaintext is fuzzed; outside it,
        // the raw bodies are.
        List<JsonNode> seeds =
        [
            WeComChannelHarness.GroupText("帮助"),
            WeComChannelHarness.GroupText("调解登记", user: "lisi"),
            WeComChannelHarness.GroupText("选颜色", user: "wangwu"),
            WeComChannelHarness.CardClick("colour|red", "task-1", user: "wangwu"),
        ];
        var started = DateTime.UtcNow;
        for (var i = 0; i < 600; i++)
        {
            var (body, _) = fuzz.Next(seeds);
            HttpResponseMessage response;
            switch (i % 4)
            {
                case 0:
                case 1:
                    response = await h.PostRobotRawAsync(Encoding.UTF8.GetString(body));
                    break;
                case 2:
                    response = await h.Client.PostAsync($"/api/wecom/robot?msg_signature=abc&timestamp={h.Now}&nonce=1", new ByteArrayContent(body));
                    break;
                default:
                    var path = (i / 4 % 3) switch { 0 => "/api/wecom/app?msg_signature=x&timestamp=1&nonce=2", 1 => "/forms/not-a-token", _ => "/api/wecom/robot" };
                    response = await h.Client.PostAsync(path, new ByteArrayContent(body));
                    break;
            }
            Assert.True((int)response.StatusCode < 500, $"case {i} answered {(int)response.StatusCode}: {Preview(body)}");
        }
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(55));
        FuzzTests.AssertNoRecords(h.Host);
    }

    private static string Preview(byte[] body) { var s = Encoding.UTF8.GetString(body); return s.Length > 300 ? s[..300] + "…" : s; }
}
