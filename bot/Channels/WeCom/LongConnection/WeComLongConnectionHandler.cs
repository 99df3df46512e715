using Stopwatch = System.Diagnostics.Stopwatch;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Channels.WeCom.App;
using ChatBot.Bot.Channels.WeCom.Cards;
using ChatBot.Bot.Channels.WeCom.Delivery;
using ChatBot.Bot.Channels.WeCom.Robot;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Hosting;
using ChatBot.Cards;
using ChatBot.Storage.Conversations;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Channels.WeCom.LongConnection;

/// <summary>
/// Messages and events that arrive on the long connection: the same turns, cards, downgrades and msgid dedupe as
/// the callback endpoint (<see cref="WeComRobotEndpoint"/>), answered with frames instead of HTTP responses. A slow
/// turn first gets an unfinished stream ("正在处理…") that its answer then finishes. Welcome texts and card updates
/// must reach WeCom within 5 seconds of the event; when they cannot, they are skipped with a log line.
/// Without Bot:PublicBaseUrl the phone has no page to open, so forms are asked step by step in the chat.
/// </summary>
internal sealed class WeComLongConnectionHandler(
    WeComLongConnection connection,
    WeComLongConnectionReplies replies,
    IOptions<WeComOptions> options,
    IOptions<BotOptions> botOptions,
    WeComInboundIds inbound,
    WeComTurns turns,
    WeComCardActionStore cardActions,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<WeComLongConnectionHandler> log)
{
    /// <param name="received">Stopwatch timestamp of the frame's arrival (the 5-second windows run from it).</param>
    public async Task HandleAsync(WeComWsFrame frame, long received)
    {
        if (frame.Body is not { ValueKind: System.Text.Json.JsonValueKind.Object } body
            || !WeComRobotCallback.TryParse(body.GetRawText(), out var callback) || string.IsNullOrEmpty(callback.From?.UserId))
        {
            log.LogWarning("WeCom long connection: {Cmd} {ReqId} has no readable body or sender; ignored", frame.Cmd, frame.ReqId);
            return;
        }
        if (!string.IsNullOrEmpty(callback.MsgId) && !inbound.FirstRobotDelivery(callback.MsgId))
        {
            log.LogInformation("WeCom robot message {MsgId} delivered again; already handled", callback.MsgId);
            return;
        }

        // No request here: without Bot:PublicBaseUrl the link base is only a placeholder, as forms are then asked in the chat.
        var origin = WeComOrigin.ForRobot(callback, botOptions.Value.BotName, PublicBaseUrl.For(botOptions.Value.PublicBaseUrl, null));
        origin.ResponseUrl = null; // answers go over the connection
        var ct = lifetime.ApplicationStopping;
        if (callback.MsgType == WeComRobotMsgTypes.Event)
            await HandleEventAsync(frame, callback, origin, received, ct);
        else
            await HandleMessageAsync(frame, callback, origin, ct);
    }

    /// <summary>Forms need a page the phone can open: without a public base URL they are asked step by step.</summary>
    private ChannelCapabilities Capabilities => string.IsNullOrWhiteSpace(botOptions.Value.PublicBaseUrl)
        ? WeComOrigin.Capabilities with { FormCards = false }
        : WeComOrigin.Capabilities;

    private async Task HandleMessageAsync(WeComWsFrame frame, WeComRobotCallback callback, WeComOrigin origin, CancellationToken ct)
    {
        var msgId = callback.MsgId ?? frame.ReqId;
        var streamId = NewStreamId();
        var text = callback.UserText();
        var activity = origin.NewActivity(msgId, clock.GetUtcNow(), text ?? "");
        if (text is null)
        {
            await connection.SendAsync(WeComWsCommands.RespondMsg, frame.ReqId, WeComRobotReply.ForStream(streamId, T(activity,
                "暂时只能处理文字消息,请 @我 并输入命令,例如“帮助”。", "I can only read text for now: @mention me with a command such as \"help\".")), ct);
            return;
        }

        var turn = turns.RunAsync(origin, activity, ct, Capabilities);
        var streamOpen = false;
        if (await Task.WhenAny(turn, Task.Delay(options.Value.RobotReplyWait, ct)) != turn)
        {
            var working = await connection.SendAsync(WeComWsCommands.RespondMsg, frame.ReqId,
                WeComRobotReply.ForStream(streamId, T(activity, "正在处理…", "Working on it…"), finish: false), ct);
            streamOpen = working.IsSuccess;
        }
        var result = await turn;
        await replies.AnswerAsync(origin, frame.ReqId, msgId, result.Context.Workspace.Id, streamId, streamOpen, result.Messages, ct);
    }

    private async Task HandleEventAsync(WeComWsFrame frame, WeComRobotCallback callback, WeComOrigin origin, long received, CancellationToken ct)
    {
        switch (callback.Event?.EventType)
        {
            case WeComRobotEventTypes.EnterChat:
            {
                var welcome = origin.NewActivity(callback.MsgId ?? frame.ReqId, clock.GetUtcNow(), null);
                welcome.Type = ActivityTypes.ConversationUpdate;
                welcome.MembersAdded = [new ChannelAccount { Id = origin.BotId, Name = origin.BotName }];
                var turn = turns.RunAsync(origin, welcome, ct, Capabilities);
                var left = options.Value.RobotEventReplyWindow - Stopwatch.GetElapsedTime(received);
                if (left <= TimeSpan.Zero || await Task.WhenAny(turn, Task.Delay(left, ct)) != turn)
                {
                    log.LogWarning("WeCom welcome for {UserId} skipped: not ready within WeCom's {Window} s window", origin.UserId, options.Value.RobotEventReplyWindow.TotalSeconds);
                    return;
                }
                var text = string.Join("\n\n", (await turn).MarkdownTexts);
                if (text.Length == 0) return;
                var sent = await connection.SendAsync(WeComWsCommands.RespondWelcome, frame.ReqId, WeComRobotReply.ForWelcomeText(text), ct);
                if (!sent.IsSuccess) log.LogWarning("WeCom welcome for {UserId} not delivered: errcode {ErrCode} {ErrMsg}", origin.UserId, sent.ErrCode, sent.ErrMsg);
                return;
            }
            case WeComRobotEventTypes.TemplateCardEvent when callback.Event.TemplateCardEvent is { } click:
                await HandleCardClickAsync(frame, callback, origin, click, received, ct);
                return;
            default:
                return;
        }
    }

    /// <summary>
    /// Replaces the clicked card for the clicker at once (so it is not clicked twice), then continues the dialog; its
    /// answers are pushed into the chat.
    /// </summary>
    private async Task HandleCardClickAsync(WeComWsFrame frame, WeComRobotCallback callback, WeComOrigin origin, WeComRobotCardEvent click,
        long received, CancellationToken ct)
    {
        var turnId = callback.MsgId ?? frame.ReqId;
        var action = cardActions.Find(click.EventKey, origin.ConversationId);
        var activity = origin.NewActivity(turnId, clock.GetUtcNow(), null);
        if (action is null)
        {
            await replies.PushAsync(origin, turnId, "", [new WeComOutgoing(StaleCard.Message(Lang.FromLocale(activity.Locale)))], ct);
            return;
        }

        activity.Value = WeComRobotEndpoint.SubmitValue(action, click.SelectedItems?.SelectedItem?.Select(s => new WeComSelectedItem(s.QuestionKey ?? "", s.OptionIds?.OptionId ?? [])));
        var turn = turns.RunAsync(origin, activity, ct, Capabilities);

        var done = WeComTemplateCard.ButtonInteraction(click.TaskId ?? action.TaskId,
            T(activity, "已选择:", "Chosen: ") + (action.Title.Length > 0 ? action.Title : "✓"), null,
            [new WeComCardButton { Text = T(activity, "已提交", "Submitted"), Key = "done", Style = 2 }]);
        if (Stopwatch.GetElapsedTime(received) < options.Value.RobotEventReplyWindow)
        {
            var updated = await connection.SendAsync(WeComWsCommands.RespondUpdate, frame.ReqId, WeComRobotCardUpdateReply.For(done, origin.UserId), ct);
            if (!updated.IsSuccess) log.LogWarning("WeCom card update for {TaskId} not delivered: errcode {ErrCode} {ErrMsg}", click.TaskId, updated.ErrCode, updated.ErrMsg);
        }
        else
        {
            log.LogWarning("WeCom card update for {TaskId} skipped: past WeCom's {Window} s window", click.TaskId, options.Value.RobotEventReplyWindow.TotalSeconds);
        }

        var result = await turn;
        await replies.PushAsync(origin, turnId, result.Context.Workspace.Id, WeComDelivery.Parts(result.Messages), ct);
    }

    private static string NewStreamId() => WeComCardActionStore.NewKey("s");

    private static string T(Activity a, string zh, string en) => Lang.FromLocale(a.Locale).T(zh, en);
}
