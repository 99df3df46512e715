using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Channels.WeCom.App;
using ChatBot.Bot.Channels.WeCom.Cards;
using ChatBot.Bot.Channels.WeCom.Crypto;
using ChatBot.Bot.Channels.WeCom.Delivery;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Hosting;
using ChatBot.Cards;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Channels.WeCom.Robot;

/// <summary>
/// GET+POST /api/wecom/robot: the smart robot (智能机器人, API mode). Staff @mention it in a group (or write to it in
/// a single chat); the answer goes back encrypted in the HTTP response as a markdown stream, with a template card
/// when the bot sent buttons or a form. A turn slower than <see cref="WeComOptions.RobotReplyWait"/> is answered
/// "正在处理…" at once and finished through response_url. Card clicks update the card and continue the dialog.
/// </summary>
internal sealed class WeComRobotEndpoint(
    WeComCallbackGate gate,
    IOptions<WeComOptions> options,
    IOptions<BotOptions> botOptions,
    WeComInboundIds inbound,
    WeComTurns turns,
    WeComCardActionStore cardActions,
    WeComDelivery delivery,
    WeComBackgroundQueue queue,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<WeComRobotEndpoint> log)
{
    public const string Path = "/api/wecom/robot";

    public IResult Verify(HttpContext http)
    {
        var outcome = gate.VerifyUrl(http.Request, options.Value.CreateRobotCrypto);
        return outcome.Error ?? Results.Text(outcome.Plaintext!, "text/plain");
    }

    public async Task<IResult> HandleAsync(HttpContext http)
    {
        var o = options.Value;
        var outcome = await gate.DecryptPostAsync(http.Request, o.CreateRobotCrypto, WeComCallbackEnvelope.ReadEncryptFromJson, o.MaxCallbackBytes);
        if (outcome.Error is { } error) return error;
        if (!WeComRobotCallback.TryParse(outcome.Plaintext, out var callback))
            return BotFramework.HttpBody.Problem(400, "The decrypted callback is not valid JSON.");

        if (callback.MsgType != WeComRobotMsgTypes.Stream && string.IsNullOrEmpty(callback.From?.UserId))
            return BotFramework.HttpBody.Problem(400, "The callback has no sender.");
        if (callback.MsgType == WeComRobotMsgTypes.Stream)
            return Reply(WeComRobotReply.ForStream(callback.Stream?.Id ?? NewStreamId(), "", finish: true).ToJson());

        if (!string.IsNullOrEmpty(callback.MsgId) && !inbound.FirstRobotDelivery(callback.MsgId))
        {
            log.LogInformation("WeCom robot callback {MsgId} delivered again; already handled", callback.MsgId);
            return Results.Text("");
        }

        var origin = WeComOrigin.ForRobot(callback, botOptions.Value.BotName, BaseUrl(http));
        if (callback.MsgType == WeComRobotMsgTypes.Event)
            return await HandleEventAsync(callback, origin);
        return await HandleMessageAsync(callback, origin);
    }

    private async Task<IResult> HandleMessageAsync(WeComRobotCallback callback, WeComOrigin origin)
    {
        var activity = origin.NewActivity(callback.MsgId ?? NewStreamId(), clock.GetUtcNow(), callback.UserText() ?? "");
        if (callback.UserText() is null)
            return Reply(WeComRobotReply.ForStream(NewStreamId(), T(activity,
                "暂时只能处理文字消息,请 @我 并输入命令,例如“帮助”。", "I can only read text for now: @mention me with a command such as \"help\".")).ToJson());
        var turn = turns.RunAsync(origin, activity, lifetime.ApplicationStopping);
        // Real time, not the injected clock: this is about WeCom's 5-second HTTP deadline.
        var finished = await Task.WhenAny(turn, Task.Delay(options.Value.RobotReplyWait)) == turn;
        if (!finished)
        {
            LaterThroughResponseUrl(origin, turn);
            return Reply(WeComRobotReply.ForStream(NewStreamId(), T(activity, "正在处理…稍后回复您。", "Working on it… I'll reply shortly."), finish: true).ToJson());
        }

        var result = await turn;
        var cards = result.Messages.Where(m => m.Card is not null).ToList();
        if (cards.Count > 1) LaterThroughResponseUrl(origin, Task.FromResult(result with { Messages = cards.Skip(1).Select(m => m with { Markdown = "" }).ToList() }));
        var markdown = string.Join("\n\n", result.MarkdownTexts);
        var card = cards.FirstOrDefault()?.Card;
        if (card is null && markdown.Length == 0) return Results.Text("");
        var reply = card is null ? WeComRobotReply.ForStream(NewStreamId(), markdown)
            : markdown.Length == 0 ? WeComRobotReply.ForCard(card)
            : WeComRobotReply.ForStreamWithCard(NewStreamId(), markdown, true, card);
        return Reply(reply.ToJson());
    }

    private async Task<IResult> HandleEventAsync(WeComRobotCallback callback, WeComOrigin origin)
    {
        switch (callback.Event?.EventType)
        {
            case WeComRobotEventTypes.EnterChat:
            {
                var welcome = origin.NewActivity(callback.MsgId ?? NewStreamId(), clock.GetUtcNow(), null);
                welcome.Type = ActivityTypes.ConversationUpdate;
                welcome.MembersAdded = [new ChannelAccount { Id = origin.BotId, Name = origin.BotName }];
                var result = await turns.RunAsync(origin, welcome, lifetime.ApplicationStopping);
                var text = string.Join("\n\n", result.MarkdownTexts);
                return text.Length == 0 ? Results.Text("") : Reply(WeComRobotReply.ForWelcomeText(text).ToJson());
            }
            case WeComRobotEventTypes.TemplateCardEvent when callback.Event.TemplateCardEvent is { } click:
                return HandleCardClick(callback, origin, click);
            default:
                return Results.Text("");
        }
    }

    /// <summary>
    /// A button or vote: answers at once by replacing the card for the clicker (so it is not clicked twice), and
    /// continues the dialog in the background, its replies going through response_url.
    /// </summary>
    private IResult HandleCardClick(WeComRobotCallback callback, WeComOrigin origin, WeComRobotCardEvent click)
    {
        var action = cardActions.Find(click.EventKey, origin.ConversationId);
        var now = clock.GetUtcNow();
        var activity = origin.NewActivity(callback.MsgId ?? NewStreamId(), now, null);
        if (action is null)
        {
            if (origin.ResponseUrl is { } url)
                queue.Enqueue("robot expired card", ct => delivery.ToResponseUrlAsync(url,
                    [new WeComOutgoing(StaleCard.Message(Lang.FromLocale(activity.Locale)))], ct));
            return Results.Text("");
        }

        activity.Value = SubmitValue(action, click.SelectedItems?.SelectedItem?.Select(s => new WeComSelectedItem(s.QuestionKey ?? "", s.OptionIds?.OptionId ?? [])));
        var turn = turns.RunAsync(origin, activity, lifetime.ApplicationStopping);
        LaterThroughResponseUrl(origin, turn);

        var done = WeComTemplateCard.ButtonInteraction(action.TaskId,
            T(activity, "已选择:", "Chosen: ") + (action.Title.Length > 0 ? action.Title : "✓"), null,
            [new WeComCardButton { Text = T(activity, "已提交", "Submitted"), Key = "done", Style = 2 }]);
        var update = WeComRobotCardUpdateReply.For(done, origin.UserId);
        return Reply(update.ToJson());
    }

    /// <summary>The Action.Submit data behind the clicked key, with a vote's selected choice values filled in.</summary>
    internal static JsonElement SubmitValue(WeComCardActionRecord action, IEnumerable<WeComSelectedItem>? selected)
    {
        var data = JsonNode.Parse(action.DataJson) as JsonObject ?? new JsonObject();
        if (action.InputId is { } inputId && action.Options is { } options)
        {
            var chosen = (selected ?? []).Where(s => s.QuestionKey == inputId).SelectMany(s => s.OptionIds)
                .Select(id => options.GetValueOrDefault(id)).OfType<string>().ToList();
            data[inputId] = string.Join(",", chosen);
        }
        return JsonSerializer.SerializeToElement(data);
    }

    private void LaterThroughResponseUrl(WeComOrigin origin, Task<WeComTurnResult> turn)
    {
        queue.Enqueue("robot late reply", async ct =>
        {
            var result = await turn;
            if (result.Messages.Count == 0) return;
            if (origin.ResponseUrl is { } url) await delivery.ToResponseUrlAsync(url, result.Messages, ct);
            else log.LogWarning("WeCom robot reply for {Conversation} has no response_url; dropped", origin.ConversationId);
        });
    }

    private IResult Reply(string plaintextJson)
    {
        var crypto = options.Value.CreateRobotCrypto();
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        return Results.Text(crypto.EncryptReply(plaintextJson, timestamp, nonce).ToJson(), "application/json");
    }

    private string BaseUrl(HttpContext http) => PublicBaseUrl.For(botOptions.Value.PublicBaseUrl, http.Request);

    private static string NewStreamId() => WeComCardActionStore.NewKey("s");

    private static string T(Activity a, string zh, string en) => Lang.FromLocale(a.Locale).T(zh, en);
}
