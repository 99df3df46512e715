using ChatBot.Bot.Channels.BotFramework;
using ChatBot.Bot.Channels.WeCom.Cards;
using ChatBot.Bot.Channels.WeCom.Crypto;
using ChatBot.Bot.Channels.WeCom.Delivery;
using ChatBot.Bot.Channels.WeCom.Robot;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Hosting;
using ChatBot.Cards;
using ChatBot.Storage.Conversations;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Channels.WeCom.App;

/// <summary>
/// GET+POST /api/wecom/app: the self-built app's callback (XML), for single chats. After the checks and dedupe it
/// answers an empty 200 at once (WeCom retries after 5 seconds) and runs the turn in the background queue; replies
/// go to the user through message/send, or wait in the outbox while WeCom cannot take them (<see cref="WeComAppReplies"/>).
/// </summary>
internal sealed class WeComAppEndpoint(
    WeComCallbackGate gate,
    IOptions<WeComOptions> options,
    IOptions<BotOptions> botOptions,
    WeComInboundIds inbound,
    WeComTurns turns,
    WeComCardActionStore cardActions,
    WeComAppReplies replies,
    WeComBackgroundQueue queue,
    TimeProvider clock,
    IServiceProvider services,
    ILogger<WeComAppEndpoint> log)
{
    public const string Path = "/api/wecom/app";

    public IResult Verify(HttpContext http)
    {
        var outcome = gate.VerifyUrl(http.Request, options.Value.CreateAppCrypto);
        return outcome.Error ?? Results.Text(outcome.Plaintext!, "text/plain");
    }

    public async Task<IResult> HandleAsync(HttpContext http)
    {
        var o = options.Value;
        var outcome = await gate.DecryptPostAsync(http.Request, o.CreateAppCrypto, WeComCallbackEnvelope.ReadEncryptFromXml, o.MaxCallbackBytes);
        if (outcome.Error is { } error) return error;
        if (!WeComAppCallbackMessage.TryParse(outcome.Plaintext, out var message) || string.IsNullOrEmpty(message.FromUserName))
            return HttpBody.Problem(400, "The decrypted callback is not a valid message.");

        if (!inbound.FirstAppDelivery(message.DedupeKey)) return Results.Text("");

        var origin = WeComOrigin.ForApp(message, o.CorpId, botOptions.Value.BotName, PublicBaseUrl.For(botOptions.Value.PublicBaseUrl, http.Request));
        queue.Enqueue("app turn", ct => RunAsync(message, origin, ct));
        return Results.Text("");
    }

    private async Task RunAsync(WeComAppCallbackMessage message, WeComOrigin origin, CancellationToken ct)
    {
        var activity = origin.NewActivity("app-" + message.DedupeKey, clock.GetUtcNow(), null);
        if (message.IsEvent)
        {
            if (message.Event is not (WeComAppEvents.TemplateCardEvent or WeComAppEvents.TemplateCardMenuEvent)) return;
            var action = cardActions.Find(message.EventKey, origin.ConversationId);
            if (action is null)
            {
                await replies.SendAsync(origin, activity.Id!, WorkspaceResolver.ConversationWorkspaceId(activity), [new WeComOutgoing(StaleCard.Message(Lang.FromLocale(origin.Locale)))], ct);
                return;
            }
            activity.Value = WeComRobotEndpoint.SubmitValue(action, message.SelectedItems);
            if (!string.IsNullOrEmpty(message.ResponseCode))
            {
                // Grey the clicked card out, so it is not submitted twice; a failure here must not stop the turn.
                var api = services.GetRequiredService<WeComApiClient>();
                var update = await api.UpdateTemplateCardAsync(WeComTemplateCardUpdateRequest.ReplaceButtonText(message.ResponseCode, T(origin, "已提交", "Submitted"), origin.UserId), ct);
                if (!update.IsSuccess) log.LogWarning("WeCom update_template_card failed: {ErrCode}", update.ErrCode);
            }
        }
        else
        {
            activity.Text = message.Content ?? "";
        }

        var result = await turns.RunAsync(origin, activity, ct);
        await replies.SendAsync(origin, activity.Id!, result.Context.Workspace.Id, result.Messages, ct);
    }

    private static string T(WeComOrigin origin, string zh, string en) => Lang.FromLocale(origin.Locale).T(zh, en);
}
