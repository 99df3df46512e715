using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework;
using ChatBot.Bot.Channels.WeCom.App;
using ChatBot.Bot.Channels.WeCom.Delivery;
using ChatBot.Bot.Channels.WeCom.LongConnection;
using ChatBot.Cards;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Channels.WeCom.Forms;

/// <summary>
/// GET /forms/{token}: the form page; POST /forms/{token}: its submission, which continues the dialog exactly like an
/// Action.Submit from that user in that conversation. The bot's answer goes back to the page and into WeCom (pushed
/// over the smart robot's long connection in that mode, else the group's robot webhook when one is set, else the
/// app's message/send to the user).
/// </summary>
internal sealed class WeComFormEndpoint(
    WeComFormTokens tokens,
    WeComTurns turns,
    WeComDelivery delivery,
    WeComBackgroundQueue queue,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    IOptions<WeComOptions> options,
    IServiceProvider services,
    ILogger<WeComFormEndpoint> log)
{
    private const int MaxSubmissionBytes = 64 * 1024;
    public const string AuthorizeUrl = "https://open.weixin.qq.com/connect/oauth2/authorize";

    public async Task<IResult> PageAsync(HttpContext http, string token)
    {
        var (check, form) = tokens.Check(token);
        if (check != WeComFormCheck.Valid) return Refusal(check, html: true);
        if (options.Value.FormRequireSignIn && await SignInAsync(http, form!, token) is { } signIn) return signIn;
        var english = !Lang.FromLocale(form!.Origin.Locale).IsZh;
        var title = english ? "Fill in the form" : "依法行政助手 · 填写表单";
        return Results.Content(WeComFormPage.Render(form.CardJson, title, english), "text/html; charset=utf-8");
    }

    public async Task<IResult> SubmitAsync(HttpContext http, string token)
    {
        // Read and check the body before the token is used up, so a malformed post does not burn the link.
        var body = await HttpBody.ReadLimitedAsync(http.Request, MaxSubmissionBytes, http.RequestAborted);
        if (body.Error is { } error) return error;
        JsonElement data;
        try
        {
            using var doc = JsonDocument.Parse(body.Bytes);
            if (!doc.RootElement.TryGetProperty("data", out var d) || d.ValueKind != JsonValueKind.Object)
                return HttpBody.Problem(400, "提交内容缺少 data 对象。/ The submission needs a data object.");
            data = d.Clone();
        }
        catch (JsonException) { return HttpBody.Problem(400, "提交内容不是有效的 JSON。/ The submission is not valid JSON."); }

        if (options.Value.FormRequireSignIn)
        {
            var (peek, pending) = tokens.Check(token);
            if (peek != WeComFormCheck.Valid) return Refusal(peek, html: false);
            if (!tokens.IsIdentityProof(pending!, http.Request.Cookies[CookieName(pending!)]))
                return HttpBody.Problem(403, "请在企业微信中打开链接,由本人填写。/ Open the link in WeCom; only the addressee may submit.");
        }

        var (check, form) = tokens.Use(token);
        if (check != WeComFormCheck.Valid) return Refusal(check, html: false);

        var origin = form!.Origin;
        var activity = origin.NewActivity("form-" + form.Id, clock.GetUtcNow(), null, data);
        var result = await turns.RunAsync(origin, activity, lifetime.ApplicationStopping);
        var replies = result.MarkdownTexts.ToList();
        if (result.Messages.Count > 0) queue.Enqueue("form replies", ct => DeliverAsync(form, result, ct));
        return Results.Json(new { ok = true, replies });
    }

    /// <summary>
    /// WeCom web sign-in (snsapi_base): without proof of identity, off to WeCom's authorize page, which comes back with
    /// ?code=; the code gives the userid, which must be the form's user; the proof is then kept in a cookie for this form.
    /// Null when the visitor is the form's user.
    /// </summary>
    private async Task<IResult?> SignInAsync(HttpContext http, WeComForm form, string token)
    {
        if (tokens.IsIdentityProof(form, http.Request.Cookies[CookieName(form)])) return null;
        var o = options.Value;
        var self = form.Origin.BaseUrl.TrimEnd('/') + "/forms/" + token;
        var code = http.Request.Query["code"].ToString();
        if (code.Length == 0)
            return Results.Redirect($"{AuthorizeUrl}?appid={Uri.EscapeDataString(o.CorpId)}&redirect_uri={Uri.EscapeDataString(self)}" +
                $"&response_type=code&scope=snsapi_base&state=form&agentid={o.AgentId}#wechat_redirect");

        var userId = await services.GetRequiredService<WeComApiClient>().GetUserIdByCodeAsync(code, http.RequestAborted);
        if (userId is null)
            return Results.Content(WeComFormPage.Message("无法确认身份 / Sign-in failed", "无法确认您的身份,请在企业微信中重新打开此链接。\nWe could not confirm who you are; please open the link again in WeCom."), "text/html; charset=utf-8", statusCode: 403);
        if (WeComOrigin.ChannelId + ":" + userId != form.UserKey)
        {
            log.LogWarning("Form {FormId} opened by {UserId}, not by its addressee", form.Id, userId);
            return Results.Content(WeComFormPage.Message("无法打开表单 / Cannot open the form", "这份表单仅限发起人本人填写。\nOnly the person this form was sent to can fill it in."), "text/html; charset=utf-8", statusCode: 403);
        }
        http.Response.Cookies.Append(CookieName(form), tokens.IdentityProof(form), new CookieOptions
        {
            HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax, Path = "/forms/",
            MaxAge = WeComFormTokens.Lifetime,
        });
        return Results.Redirect("/forms/" + token);
    }

    private static string CookieName(WeComForm form) => "wecom_form_" + form.Id;

    private async Task DeliverAsync(WeComForm form, WeComTurnResult result, CancellationToken ct)
    {
        var origin = form.Origin;
        if (options.Value.IsLongConnection && origin.Kind == WeComOrigin.RobotKind)
            await services.GetRequiredService<LongConnection.WeComLongConnectionReplies>()
                .PushAsync(origin, "form-" + form.Id, form.WorkspaceId, WeComDelivery.Parts(result.Messages), ct);
        else if (origin.IsGroup && delivery.WebhookKeyFor(form.WorkspaceId, origin.ConversationId) is { } key)
            await delivery.ToWebhookAsync(key, result.Messages, [], ct);
        else if (delivery.AppConfigured)
            await delivery.ToAppUserAsync(origin.UserId, result.Messages, ct);
        else
            log.LogInformation("Form {FormId}: no webhook key and no app configured; the answer was shown on the page only", form.Id);
    }

    private static IResult Refusal(WeComFormCheck check, bool html)
    {
        var (status, zh, en) = check switch
        {
            WeComFormCheck.Expired => (410, "链接已过期(30分钟内有效)。请回到企业微信重新发起。", "This link has expired (links last 30 minutes). Please start again in WeCom."),
            WeComFormCheck.Used => (409, "这份表单已经提交过了,无需重复提交。", "This form has already been submitted."),
            WeComFormCheck.Forged => (403, "链接无效。请使用企业微信中机器人发送的链接。", "This link is not valid. Please use the link the bot sent in WeCom."),
            _ => (404, "链接不完整或无效。请使用企业微信中机器人发送的链接。", "This link is incomplete. Please use the link the bot sent in WeCom."),
        };
        return html
            ? Results.Content(WeComFormPage.Message("无法打开表单 / Cannot open the form", zh + "\n" + en), "text/html; charset=utf-8", statusCode: status)
            : HttpBody.Problem(status, zh + " / " + en);
    }
}
