using System.Net;
using ChatBot.Bot.Channels.WeCom;
using ChatBot.Bot.Channels.WeCom.App;
using ChatBot.Bot.Channels.WeCom.Cards;
using ChatBot.Bot.Channels.WeCom.Delivery;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.WeCom;

public class WeComApiClientTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
    private int _tokensIssued;

    [Fact]
    public async Task Token_is_fetched_once_and_reused()
    {
        var server = new FakeWeComServer(Answer);
        var client = CreateClient(server);

        Assert.True((await client.SendTextAsync("zhangsan", "一")).IsSuccess);
        Assert.True((await client.SendTextAsync("zhangsan", "二")).IsSuccess);

        var gettoken = Assert.Single(server.To("/cgi-bin/gettoken"));
        Assert.Equal(HttpMethod.Get, gettoken.Method);
        Assert.Equal("ww-test-corp", gettoken.Query("corpid"));
        Assert.Equal("test-app-secret", gettoken.Query("corpsecret"));
        Assert.All(server.To("/cgi-bin/message/send"), r => Assert.Equal("token-1", r.Query("access_token")));
    }

    [Fact]
    public async Task Token_is_refreshed_before_it_expires()
    {
        var server = new FakeWeComServer(Answer);
        var client = CreateClient(server);

        Assert.Equal("token-1", await client.GetAccessTokenAsync());
        _clock.Advance(TimeSpan.FromSeconds(7200) - WeComAccessTokenCache.RefreshMargin - TimeSpan.FromSeconds(1));
        Assert.Equal("token-1", await client.GetAccessTokenAsync());
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("token-2", await client.GetAccessTokenAsync());
    }

    [Theory]
    [InlineData(WeComErrorCodes.AccessTokenExpired)]
    [InlineData(WeComErrorCodes.InvalidAccessToken)]
    public async Task Rejected_token_is_refreshed_and_the_send_retried_once(int rejection)
    {
        var rejected = false;
        var server = new FakeWeComServer(request =>
        {
            if (request.Uri.AbsolutePath.EndsWith("/message/send") && !rejected)
            {
                rejected = true;
                return FakeWeComServer.Error(rejection);
            }

            return Answer(request);
        });
        var client = CreateClient(server);

        var result = await client.SendTextAsync("zhangsan", "hi");

        Assert.True(result.IsSuccess);
        Assert.Equal(2, server.To("/cgi-bin/gettoken").Count);
        Assert.Equal(["token-1", "token-2"], server.To("/cgi-bin/message/send").Select(r => r.Query("access_token")));
    }

    [Fact]
    public async Task Token_rejected_twice_is_reported_not_looped()
    {
        var server = new FakeWeComServer(request => request.Uri.AbsolutePath.EndsWith("/message/send")
            ? FakeWeComServer.Error(WeComErrorCodes.AccessTokenExpired)
            : Answer(request));
        var client = CreateClient(server);

        var result = await client.SendTextAsync("zhangsan", "hi");

        Assert.Equal(WeComErrorCodes.AccessTokenExpired, result.ErrCode);
        Assert.True(result.IsRetryable);
        Assert.Equal(2, server.To("/cgi-bin/message/send").Count);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_token_refresh()
    {
        var release = new TaskCompletionSource();
        var server = new FakeWeComServer(async request =>
        {
            if (request.Uri.AbsolutePath.EndsWith("/gettoken"))
            {
                await release.Task;
            }

            return Answer(request);
        });
        var client = CreateClient(server);

        var sends = Enumerable.Range(0, 10).Select(i => client.SendTextAsync("zhangsan", $"m{i}")).ToArray();
        await Task.Delay(100);
        release.SetResult();
        var results = await Task.WhenAll(sends).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.Single(server.To("/cgi-bin/gettoken"));
        Assert.Equal(10, server.To("/cgi-bin/message/send").Count);
    }

    [Fact]
    public async Task Refused_token_is_returned_as_the_send_result()
    {
        var server = new FakeWeComServer(_ => FakeWeComServer.Json("""{"errcode":40013,"errmsg":"invalid corpid"}"""));
        var client = CreateClient(server);

        var result = await client.SendTextAsync("zhangsan", "hi");
        var error = await Assert.ThrowsAsync<WeComApiException>(() => client.GetAccessTokenAsync());

        Assert.Equal(40013, result.ErrCode);
        Assert.False(result.IsRetryable);
        Assert.Equal(40013, error.ErrCode);
        Assert.Empty(server.To("/cgi-bin/message/send"));
    }

    [Fact]
    public async Task Send_bodies_carry_agent_id_and_the_message()
    {
        var server = new FakeWeComServer(request => request.Uri.AbsolutePath.EndsWith("/message/send")
            ? FakeWeComServer.Json("""{"errcode":0,"errmsg":"ok","invaliduser":"","msgid":"msg-1","response_code":"rc-1"}""")
            : Answer(request));
        var client = CreateClient(server);
        var card = WeComTemplateCard.ButtonInteraction("task-1", "请确认", null, [new WeComCardButton { Text = "确认", Key = "ok" }]);

        await client.SendMarkdownAsync("zhangsan", "**通知**");
        var cardResult = await client.SendTemplateCardAsync("lisi", card);

        var sends = server.To("/cgi-bin/message/send");
        var markdown = sends[0].Json;
        Assert.Equal("application/json", sends[0].MediaType);
        Assert.Equal("zhangsan", (string)markdown["touser"]!);
        Assert.Equal("markdown", (string)markdown["msgtype"]!);
        Assert.Equal(1000002, (int)markdown["agentid"]!);
        Assert.Equal("**通知**", (string)markdown["markdown"]!["content"]!);
        var cardBody = sends[1].Json;
        Assert.Equal("template_card", (string)cardBody["msgtype"]!);
        Assert.Equal("task-1", (string)cardBody["template_card"]!["task_id"]!);
        Assert.Equal("msg-1", cardResult.MsgId);
        Assert.Equal("rc-1", cardResult.ResponseCode);
        Assert.Null(cardResult.InvalidUser);
    }

    [Fact]
    public async Task Update_template_card_posts_the_response_code()
    {
        var server = new FakeWeComServer(Answer);
        var client = CreateClient(server);

        var result = await client.UpdateTemplateCardAsync(
            WeComTemplateCardUpdateRequest.ReplaceButtonText("rc-9", "已确认", "zhangsan"));

        Assert.True(result.IsSuccess);
        var update = Assert.Single(server.To("/cgi-bin/message/update_template_card"));
        Assert.Equal("token-1", update.Query("access_token"));
        Assert.Equal(1000002, (int)update.Json["agentid"]!);
        Assert.Equal("rc-9", (string)update.Json["response_code"]!);
        Assert.Equal("已确认", (string)update.Json["button"]!["replace_name"]!);
    }

    [Fact]
    public async Task Network_and_http_failures_become_retryable_results()
    {
        var client = CreateClient(new FakeWeComServer(request => request.Uri.AbsolutePath.EndsWith("/message/send")
            ? throw new HttpRequestException("connection reset")
            : Answer(request)));
        var http500 = CreateClient(new FakeWeComServer(_ => new HttpResponseMessage(HttpStatusCode.BadGateway)));

        var reset = await client.SendTextAsync("zhangsan", "hi");
        var badGateway = await http500.SendTextAsync("zhangsan", "hi");

        Assert.Equal(WeComErrorCodes.TransportFailure, reset.ErrCode);
        Assert.True(reset.IsRetryable);
        Assert.Equal(WeComErrorCodes.TransportFailure, badGateway.ErrCode);
        Assert.True(badGateway.IsRetryable);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_swallowed()
    {
        var client = CreateClient(new FakeWeComServer(Answer));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendTextAsync("zhangsan", "hi", cancelled.Token));
    }

    [Fact]
    public async Task Base_address_comes_from_options()
    {
        var server = new FakeWeComServer(Answer);
        var client = CreateClient(server, "http://wecom.internal:8080/proxy");

        await client.SendTextAsync("zhangsan", "hi");

        Assert.All(server.Requests, r => Assert.StartsWith("http://wecom.internal:8080/proxy/cgi-bin/", r.Uri.ToString()));
    }

    private HttpResponseMessage Answer(RecordedRequest request)
    {
        if (request.Uri.AbsolutePath.EndsWith("/cgi-bin/gettoken"))
        {
            var token = $"token-{Interlocked.Increment(ref _tokensIssued)}";
            return FakeWeComServer.Json($$"""{"errcode":0,"errmsg":"ok","access_token":"{{token}}","expires_in":7200}""");
        }

        return FakeWeComServer.Ok();
    }

    private WeComApiClient CreateClient(FakeWeComServer server, string baseUrl = "https://wecom.test/") =>
        new(new HttpClient(server), new WeComAccessTokenCache(_clock),
            Options.Create(new WeComOptions
            {
                CorpId = "ww-test-corp",
                AppSecret = "test-app-secret",
                AgentId = 1000002,
                ApiBaseUrl = baseUrl,
            }),
            NullLogger<WeComApiClient>.Instance);
}
