using ChatBot.Bot.Channels.WeCom;
using ChatBot.Bot.Channels.WeCom.Cards;
using ChatBot.Bot.Channels.WeCom.Delivery;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.WeCom;

public class WeComWebhookSenderTests
{
    private const string Key = "test-webhook-key";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));

    [Fact]
    public async Task Text_payload_carries_mentions_and_the_key()
    {
        var server = new FakeWeComServer(_ => FakeWeComServer.Ok());
        var sender = CreateSender(server);

        var result = await sender.SendTextAsync("key with/odd+chars", "请各村今天17:00前上报", ["zhangsan", "@all"], ["13800000000"]);

        Assert.True(result.IsSuccess);
        var request = Assert.Single(server.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/cgi-bin/webhook/send", request.Uri.AbsolutePath);
        Assert.Equal("key with/odd+chars", request.Query("key"));
        Assert.Equal("text", (string)request.Json["msgtype"]!);
        Assert.Equal("请各村今天17:00前上报", (string)request.Json["text"]!["content"]!);
        Assert.Equal(["zhangsan", "@all"], request.Json["text"]!["mentioned_list"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("13800000000", (string)request.Json["text"]!["mentioned_mobile_list"]![0]!);
    }

    [Fact]
    public async Task Text_without_mentions_omits_the_lists()
    {
        var server = new FakeWeComServer(_ => FakeWeComServer.Ok());

        await CreateSender(server).SendTextAsync(Key, "hi");

        var text = Assert.Single(server.Requests).Json["text"]!.AsObject();
        Assert.False(text.ContainsKey("mentioned_list"));
        Assert.False(text.ContainsKey("mentioned_mobile_list"));
    }

    [Fact]
    public async Task Markdown_payload_is_cut_politely_at_4096_bytes()
    {
        var server = new FakeWeComServer(_ => FakeWeComServer.Ok());
        var sender = CreateSender(server);
        var longMarkdown = "## 值班安排\n" + string.Concat(Enumerable.Repeat("<@zhangsan> 请于周五前提交材料。\n", 200));

        await sender.SendMarkdownAsync(Key, "**提醒** <@zhangsan>");
        await sender.SendMarkdownAsync(Key, longMarkdown);

        var requests = server.Requests.ToArray();
        Assert.Equal("markdown", (string)requests[0].Json["msgtype"]!);
        Assert.Equal("**提醒** <@zhangsan>", (string)requests[0].Json["markdown"]!["content"]!);
        var cut = (string)requests[1].Json["markdown"]!["content"]!;
        Assert.InRange(WeComText.Utf8Length(cut), 4000, WeComText.WebhookMarkdownMaxBytes);
        Assert.EndsWith("…", cut);
        Assert.StartsWith(cut[..^1], longMarkdown);
    }

    [Fact]
    public async Task Template_card_payload_has_the_card()
    {
        var server = new FakeWeComServer(_ => FakeWeComServer.Ok());
        var card = WeComTemplateCard.TextNotice("停水通知", "明日8:00-12:00", "https://example.invalid/n");

        await CreateSender(server).SendTemplateCardAsync(Key, card);

        var json = Assert.Single(server.Requests).Json;
        Assert.Equal("template_card", (string)json["msgtype"]!);
        Assert.Equal("text_notice", (string)json["template_card"]!["card_type"]!);
        Assert.Equal("停水通知", (string)json["template_card"]!["main_title"]!["title"]!);
    }

    [Fact]
    public async Task The_21st_message_in_a_minute_waits_until_the_window_allows_it()
    {
        var server = new FakeWeComServer(_ => FakeWeComServer.Ok());
        var sender = CreateSender(server);
        for (var i = 0; i < 20; i++)
        {
            Assert.True((await sender.SendTextAsync(Key, $"m{i}").WaitAsync(Patience)).IsSuccess);
        }

        var twentyFirst = sender.SendTextAsync(Key, "m20");
        var otherRobot = sender.SendTextAsync("another-key", "independent");

        Assert.True((await otherRobot.WaitAsync(Patience)).IsSuccess);
        await Task.Delay(100);
        Assert.False(twentyFirst.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(59));
        await Task.Delay(100);
        Assert.False(twentyFirst.IsCompleted);
        Assert.Equal(20, server.Requests.Count(r => r.Query("key") == Key));

        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True((await twentyFirst.WaitAsync(Patience)).IsSuccess);
        Assert.Equal(21, server.Requests.Count(r => r.Query("key") == Key));
    }

    [Fact]
    public async Task A_burst_is_queued_and_sent_20_per_rolling_minute()
    {
        var server = new FakeWeComServer(_ => FakeWeComServer.Ok());
        var sender = CreateSender(server);

        var burst = Enumerable.Range(0, 45).Select(i => sender.SendTextAsync(Key, $"m{i:00}")).ToArray();

        await WaitUntil(() => server.Requests.Count == 20);
        _clock.Advance(TimeSpan.FromSeconds(30));
        await Task.Delay(100);
        Assert.Equal(20, server.Requests.Count);
        _clock.Advance(TimeSpan.FromSeconds(30));
        await WaitUntil(() => server.Requests.Count == 40);
        _clock.Advance(TimeSpan.FromSeconds(59));
        await Task.Delay(100);
        Assert.Equal(40, server.Requests.Count);
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.All(await Task.WhenAll(burst).WaitAsync(Patience), r => Assert.True(r.IsSuccess));
        var contents = server.Requests.Select(r => (string)r.Json["text"]!["content"]!).ToArray();
        Assert.Equal(Expected(0, 20), contents[..20].Order());
        Assert.Equal(Expected(20, 20), contents[20..40].Order());
        Assert.Equal(Expected(40, 5), contents[40..].Order());

        static IEnumerable<string> Expected(int from, int count) => Enumerable.Range(from, count).Select(i => $"m{i:00}");
    }

    [Fact]
    public async Task Errcode_45009_waits_and_retries()
    {
        var answers = new Queue<int>([WeComErrorCodes.FrequencyLimited, WeComErrorCodes.Ok]);
        var server = new FakeWeComServer(_ => FakeWeComServer.Error(answers.Dequeue()));
        var sender = CreateSender(server);

        var send = sender.SendTextAsync(Key, "hi");
        await WaitUntil(() => server.Requests.Count == 1);
        await Task.Delay(100);
        Assert.False(send.IsCompleted);

        var started = _clock.GetUtcNow();
        while (!send.IsCompleted)
        {
            await WaitUntilQuiet(server);
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.True((await send).IsSuccess);
        Assert.Equal(2, server.Requests.Count);
        Assert.True(_clock.GetUtcNow() - started >= TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Persistent_45009_is_returned_for_the_caller_to_retry_later()
    {
        var server = new FakeWeComServer(_ => FakeWeComServer.Error(WeComErrorCodes.FrequencyLimited));
        var sender = CreateSender(server);

        var send = sender.SendTextAsync(Key, "hi");
        while (!send.IsCompleted)
        {
            await WaitUntilQuiet(server);
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        var result = await send;
        Assert.Equal(WeComErrorCodes.FrequencyLimited, result.ErrCode);
        Assert.True(result.IsRetryable);
        Assert.Equal(3, server.Requests.Count); // first try + WebhookRateLimitedRetries (2)
    }

    [Fact]
    public async Task Other_errors_are_returned_at_once()
    {
        var server = new FakeWeComServer(_ => FakeWeComServer.Error(93000)); // invalid webhook URL
        var result = await CreateSender(server).SendTextAsync(Key, "hi").WaitAsync(Patience);

        Assert.Equal(93000, result.ErrCode);
        Assert.False(result.IsSuccess);
        Assert.False(result.IsRetryable);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Network_failure_is_a_retryable_result()
    {
        var server = new FakeWeComServer(HttpResponseMessage (_) => throw new HttpRequestException("no route"));

        var result = await CreateSender(server).SendTextAsync(Key, "hi").WaitAsync(Patience);

        Assert.Equal(WeComErrorCodes.TransportFailure, result.ErrCode);
        Assert.True(result.IsRetryable);
    }

    [Fact]
    public async Task A_queued_send_can_be_cancelled()
    {
        var server = new FakeWeComServer(_ => FakeWeComServer.Ok());
        var sender = CreateSender(server);
        for (var i = 0; i < 20; i++)
        {
            await sender.SendTextAsync(Key, $"m{i}");
        }

        using var cancel = new CancellationTokenSource();
        var queued = sender.SendTextAsync(Key, "late", cancellationToken: cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.WaitAsync(Patience));
        Assert.Equal(20, server.Requests.Count);
    }

    private WeComWebhookSender CreateSender(FakeWeComServer server)
    {
        var options = new WeComOptions { WebhookBaseUrl = "https://wecom.test/cgi-bin/webhook/send" };
        return new WeComWebhookSender(new HttpClient(server),
            new WeComWebhookRateLimiter(_clock, options.WebhookMessagesPerWindow, options.WebhookRateWindow),
            Options.Create(options), _clock, NullLogger<WeComWebhookSender>.Instance);
    }

    /// <summary>Lets queued sends reach the fake server before the clock moves (no new request for a while).</summary>
    private static async Task WaitUntilQuiet(FakeWeComServer server)
    {
        var seen = -1;
        while (seen != server.Requests.Count)
        {
            seen = server.Requests.Count;
            await Task.Delay(30);
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Delay(10);
        }
    }
}
