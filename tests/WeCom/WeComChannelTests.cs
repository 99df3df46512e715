using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Channels.WeCom;
using ChatBot.Bot.Channels.WeCom.App;
using ChatBot.Bot.Channels.WeCom.Cards;
using ChatBot.Bot.Channels.WeCom.Crypto;
using ChatBot.Bot.Channels.WeCom.Robot;
using ChatBot.Bot.Conversation;
using ChatBot.Storage;
using ChatBot.Storage.Conversations;
using ChatBot.Tests.Infrastructure;
using static ChatBot.Tests.Infrastructure.Poll;
using static ChatBot.Tests.WeCom.WeComChannelHarness;
using static ChatBot.Tests.WeCom.WeComTestKeys;

namespace ChatBot.Tests.WeCom;

/// <summary>The WeCom channel end to end, through the real wire formats (encrypted JSON and XML callbacks).</summary>
public class WeComChannelTests
{
    [Fact]
    public async Task Group_mention_help_made_by_the_npm_peer_gets_an_encrypted_markdown_answer()
    {
        using var h = new WeComChannelHarness();
        var callback = GroupText("帮助").ToJsonString();
        const string nonce = "8827361";
        var timestamp = h.Now;
        // The ciphertext and signature are made by npm @wecom/crypto, as WeCom would.
        var cipher = NodePeer.Encrypt(RobotAesKey, callback, "");
        var signature = NodePeer.Sign(RobotToken, timestamp, nonce, cipher);

        var response = await h.PostRobotRawAsync(callback, timestamp, signature, _ => cipher, nonce);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var envelope = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(NodePeer.Sign(RobotToken, envelope["timestamp"]!.ToString(), (string)envelope["nonce"]!, (string)envelope["encrypt"]!),
            (string)envelope["msgsignature"]!);
        var (plaintext, _) = NodePeer.Decrypt(RobotAesKey, (string)envelope["encrypt"]!);
        var reply = JsonNode.Parse(plaintext)!.AsObject();

        Assert.Equal("stream_with_template_card", (string)reply["msgtype"]!);
        Assert.True((bool)reply["stream"]!["finish"]!);
        var markdown = (string)reply["stream"]!["content"]!;
        Assert.Contains("以下是我能做的事", markdown);
        Assert.Contains("**依法行政助手 · 使用帮助**", markdown);
        Assert.Contains("取消", markdown);
        // The help card's buttons became a button_interaction card whose keys are stored.
        var card = reply["template_card"]!;
        Assert.Equal("button_interaction", (string)card["card_type"]!);
        Assert.Equal(["登记调解", "逾期任务", "学法安排"], card["button_list"]!.AsArray().Select(b => (string)b!["text"]!));
        Assert.Equal(3, h.Count(WeComCardActionStore.Collection));
        // The group is a workspace of its own, with a conversation reference for reminders.
        var workspaceId = $"wecom:{AiBotId}:{ChatId}";
        Assert.NotNull(h.Host.Service<WorkspaceStore>().Get(workspaceId));
        Assert.True(h.Host.Service<ConversationReferenceStore>().Get(workspaceId)!.IsGroup);
    }

    [Fact]
    public async Task Url_verification_answers_the_echostr_plaintext_for_robot_and_app()
    {
        using var h = new WeComChannelHarness();
        var timestamp = h.Now;

        var robotEcho = h.RobotCrypto.Encrypt("5927782489442352469");
        var robot = await h.Client.GetAsync($"/api/wecom/robot?msg_signature={h.RobotCrypto.ComputeSignature(timestamp, "n1", robotEcho)}&timestamp={timestamp}&nonce=n1&echostr={HttpUtility.UrlEncode(robotEcho)}");
        Assert.Equal(HttpStatusCode.OK, robot.StatusCode);
        Assert.Equal("5927782489442352469", await robot.Content.ReadAsStringAsync());

        var appEcho = NodePeer.Encrypt(SampleAesKey, SampleEchoPlaintext, SampleCorpId);
        var app = await h.Client.GetAsync($"/api/wecom/app?msg_signature={h.AppCrypto.ComputeSignature(timestamp, "n2", appEcho)}&timestamp={timestamp}&nonce=n2&echostr={HttpUtility.UrlEncode(appEcho)}");
        Assert.Equal(HttpStatusCode.OK, app.StatusCode);
        Assert.Equal(SampleEchoPlaintext, await app.Content.ReadAsStringAsync());

        var forged = await h.Client.GetAsync($"/api/wecom/app?msg_signature=0000&timestamp={timestamp}&nonce=n2&echostr={HttpUtility.UrlEncode(appEcho)}");
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact]
    public async Task Bad_signature_stale_timestamp_and_garbage_are_rejected_without_touching_state()
    {
        using var h = new WeComChannelHarness();
        var callback = GroupText("计数").ToJsonString();
        var counter = h.Host.Service<CountingCommand>();

        var badSignature = await h.PostRobotRawAsync(callback, signature: "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3");
        var stale = await h.PostRobotRawAsync(callback, timestamp: (h.Host.Clock.GetUtcNow().ToUnixTimeSeconds() - 3600).ToString());
        var notJson = await h.Client.PostAsync($"/api/wecom/robot?msg_signature=x&timestamp={h.Now}&nonce=1", new StringContent("<xml>nope</xml>"));
        // Correctly signed, but not a ciphertext of our key: must not decrypt.
        var garbage = Convert.ToBase64String(Encoding.UTF8.GetBytes("0123456789abcdef0123456789abcdef"));
        var undecryptable = await h.PostRobotRawAsync("ignored", encrypt: _ => garbage);
        var wrongKey = await h.PostRobotRawAsync(callback, encrypt: m => new WeComCrypto(RobotToken, SampleAesKey, "").Encrypt(m));
        var appWrongCorp = await h.Client.PostAsync("/api/wecom/app?msg_signature=1&timestamp=1&nonce=1", new StringContent(""));

        Assert.Equal(HttpStatusCode.Unauthorized, badSignature.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, stale.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, undecryptable.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, appWrongCorp.StatusCode);
        Assert.Contains("signature", await badSignature.Content.ReadAsStringAsync());
        Assert.Equal(0, counter.Count);
        Assert.Equal(0, h.Count(ChatBotDatabase.ProcessedActivities));
        Assert.Equal(0, h.Count(ChatBotDatabase.Workspaces));
        Assert.Equal(0, h.DialogStatesSaved());
        Assert.Empty(h.Server.Requests);
    }

    [Fact]
    public async Task The_same_msgid_delivered_twice_runs_one_turn()
    {
        using var h = new WeComChannelHarness();
        var msgId = NewMsgId();

        var first = await h.PostRobotAsync(GroupText("计数", msgId: msgId));
        var retry = await h.PostRobotAsync(GroupText("计数", msgId: msgId));
        var other = await h.PostRobotAsync(GroupText("计数"));

        Assert.Contains("计数:1", (string)first!["stream"]!["content"]!);
        Assert.Null(retry);
        Assert.Contains("计数:2", (string)other!["stream"]!["content"]!);
        Assert.Equal(2, h.Host.Service<CountingCommand>().Count);
    }

    [Fact]
    public async Task A_template_card_click_continues_the_dialog_like_an_Action_Submit()
    {
        using var h = new WeComChannelHarness();
        var prompt = await h.PostRobotAsync(GroupText("选颜色"));
        var card = prompt!["template_card"]!;
        Assert.Equal("button_interaction", (string)card["card_type"]!);
        var blue = card["button_list"]!.AsArray().Single(b => (string)b!["text"]! == "蓝色")!;

        // Another member cannot answer for zhangsan: the dialog state is per user.
        var click = await h.PostRobotAsync(CardClick((string)blue["key"]!, (string)card["task_id"]!));

        Assert.Equal("update_template_card", (string)click!["response_type"]!);
        Assert.Equal(["zhangsan"], click["userids"]!.AsArray().Select(u => (string)u!));
        Assert.Contains("蓝色", (string)click["template_card"]!["main_title"]!["title"]!);
        await Eventually(() => h.ResponseUrlPosts().Any(r => r.Body!.Contains("已选择颜色:blue")), "the dialog's answer via response_url");
        var answer = h.ResponseUrlPosts().Single(r => r.Body!.Contains("已选择颜色"));
        Assert.Equal("markdown", (string)answer.Json["msgtype"]!);

        // The same key again: the dialog is over and the card has been handled.
        await h.PostRobotAsync(CardClick((string)blue["key"]!, (string)card["task_id"]!));
        await Eventually(() => h.ResponseUrlPosts().Any(r => r.Body!.Contains("已经处理过")), "the polite already-handled answer");
    }

    [Fact]
    public async Task A_choice_list_becomes_a_vote_card_whose_selection_continues_the_dialog()
    {
        using var h = new WeComChannelHarness();
        var prompt = await h.PostRobotAsync(GroupText("选类型", user: "wangwu"));
        var card = prompt!["template_card"]!;
        Assert.Equal("vote_interaction", (string)card["card_type"]!);
        Assert.Equal("type", (string)card["checkbox"]!["question_key"]!);
        var options = card["checkbox"]!["option_list"]!.AsArray();
        Assert.Equal(["婚姻家庭", "邻里纠纷", "土地"], options.Select(o => (string)o!["text"]!));
        var neighbour = (string)options[1]!["id"]!;

        var selected = new JsonObject
        {
            ["selected_item"] = new JsonArray(new JsonObject
            {
                ["question_key"] = "type",
                ["option_ids"] = new JsonObject { ["option_id"] = new JsonArray(neighbour) },
            }),
        };
        var click = await h.PostRobotAsync(CardClick((string)card["submit_button"]!["key"]!, (string)card["task_id"]!, user: "wangwu", selected: selected));

        Assert.Equal("update_template_card", (string)click!["response_type"]!);
        await Eventually(() => h.ResponseUrlPosts().Any(r => r.Body!.Contains("收到类型:neighbour (type)")), "the dialog's answer");
    }

    [Fact]
    public async Task A_card_key_from_another_chat_is_not_accepted()
    {
        using var h = new WeComChannelHarness();
        var card = (await h.PostRobotAsync(GroupText("选颜色")))!["template_card"]!;
        var key = (string)card["button_list"]![0]!["key"]!;

        await h.PostRobotAsync(CardClick(key, (string)card["task_id"]!, chatId: "another-chat"));

        await Eventually(() => h.ResponseUrlPosts().Any(r => r.Body!.Contains("已经处理过或已过期")), "the polite refusal");
        Assert.DoesNotContain(h.ResponseUrlPosts(), r => r.Body!.Contains("已选择颜色"));
    }

    [Fact]
    public async Task Enter_chat_gets_the_welcome_text_and_a_picture_gets_a_polite_hint()
    {
        using var h = new WeComChannelHarness();
        var enter = new JsonObject
        {
            ["msgid"] = NewMsgId(), ["aibotid"] = AiBotId, ["chattype"] = "single", ["from"] = new JsonObject { ["userid"] = "zhaoliu" },
            ["msgtype"] = "event", ["event"] = new JsonObject { ["eventtype"] = "enter_chat" },
        };
        var welcome = await h.PostRobotAsync(enter);
        Assert.Equal("text", (string)welcome!["msgtype"]!);
        Assert.Contains("您好!我是依法行政助手", (string)welcome["text"]!["content"]!);

        var picture = GroupText("");
        picture["msgtype"] = "image";
        picture.Remove("text");
        picture["image"] = new JsonObject { ["url"] = "https://example.test/img" };
        var hint = await h.PostRobotAsync(picture);
        Assert.Contains("暂时只能处理文字消息", (string)hint!["stream"]!["content"]!);
    }

    [Fact]
    public async Task Set_webhook_needs_a_group_and_a_key_shaped_argument()
    {
        using var h = new WeComChannelHarness();
        var single = GroupText("设置群机器人 693a91f6-7aaa-4bc4-97a0-0ec2sifa5aaa");
        single["chattype"] = "single";
        single.Remove("chatid");
        Assert.Contains("请在企业微信群里", (string)(await h.PostRobotAsync(single))!["stream"]!["content"]!);
        Assert.Contains("请附上群机器人的 Webhook key", (string)(await h.PostRobotAsync(GroupText("设置群机器人 <script>")))!["stream"]!["content"]!);
        var byUrl = await h.PostRobotAsync(GroupText("设置群机器人 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=aaaa1111-2222-3333-4444-bbbbccccdddd"));
        Assert.Contains("aaaa****dddd", (string)byUrl!["stream"]!["content"]!);
        Assert.Equal("aaaa1111-2222-3333-4444-bbbbccccdddd", h.Host.Service<WorkspaceStore>().Get($"wecom:{AiBotId}:{ChatId}")!.WeComWebhookKey);
        Assert.Single(h.Host.Service<AuditLog>().For($"workspaces/wecom:{AiBotId}:{ChatId}"));
    }

    [Fact]
    public void A_vote_card_click_fills_the_choice_set_input()
    {
        var action = new WeComCardActionRecord
        {
            Id = "v1", TaskId = "t1", ConversationId = "c", DataJson = """{"verb":"pick"}""", InputId = "choice",
            Options = new() { ["o1"] = "family", ["o2"] = "neighbour" },
        };

        var value = WeComRobotEndpoint.SubmitValue(action, [new WeComSelectedItem("choice", ["o2"])]);

        Assert.Equal("pick", value.GetProperty("verb").GetString());
        Assert.Equal("neighbour", value.GetProperty("choice").GetString());
    }

    [Fact]
    public async Task A_slow_turn_answers_at_once_and_finishes_through_response_url()
    {
        using var h = new WeComChannelHarness(robotWait: TimeSpan.FromMilliseconds(200));
        await h.PostRobotAsync(GroupText("计数")); // warm up: the first request of a host is slow on a busy machine

        var started = DateTime.UtcNow;
        var reply = await h.PostRobotAsync(GroupText("慢命令"));

        // The answer came while the command was still blocked: it did not wait for the turn.
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4.5), "WeCom retries after 5 s");
        Assert.False(h.Host.Service<SlowGate>().Release.Task.IsCompleted);
        Assert.Contains("正在处理", (string)reply!["stream"]!["content"]!);
        Assert.Empty(h.ResponseUrlPosts());
        h.Host.Service<SlowGate>().Release.SetResult();
        await Eventually(() => h.ResponseUrlPosts().Any(r => r.Body!.Contains("慢速处理完成")), "the late answer");
    }

    [Fact]
    public async Task App_single_chat_answers_empty_at_once_and_replies_through_message_send()
    {
        using var h = new WeComChannelHarness();
        var xml = $"""
            <xml><ToUserName><![CDATA[{SampleCorpId}]]></ToUserName><FromUserName><![CDATA[lisi]]></FromUserName>
            <CreateTime>{h.Now}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[计数]]></Content>
            <MsgId>7001</MsgId><AgentID>1000002</AgentID></xml>
            """;

        var response = await h.PostAppXmlAsync(xml);
        var retry = await h.PostAppXmlAsync(xml);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Equal("", await retry.Content.ReadAsStringAsync());
        await Eventually(() => h.Requests("/cgi-bin/message/send").Count > 0, "message/send");
        var send = h.Requests("/cgi-bin/message/send").Single();
        Assert.Equal("TOKEN-1", send.Query("access_token"));
        Assert.Equal("lisi", (string)send.Json["touser"]!);
        Assert.Equal(1000002, (int)send.Json["agentid"]!);
        Assert.Equal("markdown", (string)send.Json["msgtype"]!);
        Assert.Contains("计数:1", (string)send.Json["markdown"]!["content"]!);
        Assert.Single(h.Requests("/cgi-bin/gettoken"));
        await Task.Delay(200);
        Assert.Equal(1, h.Host.Service<CountingCommand>().Count);
    }

    [Fact]
    public async Task App_card_click_event_continues_the_dialog_and_greys_the_card()
    {
        using var h = new WeComChannelHarness();
        string Xml(string inner) => $"<xml><ToUserName><![CDATA[{SampleCorpId}]]></ToUserName><FromUserName><![CDATA[lisi]]></FromUserName><CreateTime>{h.Now}</CreateTime>{inner}<AgentID>1000002</AgentID></xml>";

        await h.PostAppXmlAsync(Xml("<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[选颜色]]></Content><MsgId>8001</MsgId>"));
        await Eventually(() => h.Requests("/cgi-bin/message/send").Any(r => (string)r.Json["msgtype"]! == "template_card"), "the button card");
        var card = h.Requests("/cgi-bin/message/send").Single(r => (string)r.Json["msgtype"]! == "template_card").Json["template_card"]!;
        var red = card["button_list"]!.AsArray().Single(b => (string)b!["text"]! == "红色")!;

        await h.PostAppXmlAsync(Xml($"<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[{red["key"]}]]></EventKey><TaskId><![CDATA[{card["task_id"]}]]></TaskId><CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[RC-9]]></ResponseCode>"));

        await Eventually(() => h.Requests("/cgi-bin/message/send").Any(r => r.Body!.Contains("已选择颜色:red")), "the dialog's answer");
        var update = Assert.Single(h.Requests("/cgi-bin/message/update_template_card"));
        Assert.Equal("RC-9", (string)update.Json["response_code"]!);
    }

    [Fact]
    public async Task A_form_becomes_a_signed_link_whose_page_submits_like_an_Action_Submit()
    {
        using var h = new WeComChannelHarness();
        var reply = await h.PostRobotAsync(GroupText("填表"));

        var notice = reply!["template_card"]!;
        Assert.Equal("text_notice", (string)notice["card_type"]!);
        var url = (string)notice["card_action"]!["url"]!;
        Assert.StartsWith(PublicBaseUrl + "/forms/", url);
        Assert.Contains("点击填写", (string)reply["stream"]!["content"]!);
        var path = new Uri(url).AbsolutePath;

        var page = await h.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width", html);
        Assert.Contains("<script src=\"/forms/lib/adaptivecards.js\"></script>", html);
        Assert.Contains("\"id\":\"name\"", html);
        var embedded = html[(html.IndexOf("type=\"application/json\">", StringComparison.Ordinal) + 24)..];
        CardChecker.AssertValid(embedded[..embedded.IndexOf("</script>", StringComparison.Ordinal)]);
        var renderer = await h.Client.GetAsync("/forms/lib/adaptivecards.js");
        Assert.Equal(HttpStatusCode.OK, renderer.StatusCode);
        Assert.Contains("AdaptiveCard", await renderer.Content.ReadAsStringAsync());

        var bad = await h.Client.PostAsync(path, new StringContent("not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode); // and the link still works:
        var submit = await h.Client.PostAsync(path, JsonBody("""{"data":{"form":"mediation","name":"张三","date":"2026-03-09"}}"""));

        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        var answer = JsonNode.Parse(await submit.Content.ReadAsStringAsync())!;
        Assert.Contains("收到表单:张三 / 2026-03-09 / mediation", answer["replies"]!.AsArray().Select(r => (string)r!));
        // No webhook key for this group: the answer also goes to zhangsan through the app.
        await Eventually(() => h.Requests("/cgi-bin/message/send").Any(r => r.Body!.Contains("收到表单:张三")), "the answer in WeCom");
        Assert.Equal("zhangsan", (string)h.Requests("/cgi-bin/message/send").Single().Json["touser"]!);

        var reused = await h.Client.PostAsync(path, JsonBody("""{"data":{"name":"李四"}}"""));
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Contains("已经提交过", await reused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await h.Client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Forged_and_expired_form_links_are_refused_politely()
    {
        using var h = new WeComChannelHarness();
        var reply = await h.PostRobotAsync(GroupText("填表"));
        var path = new Uri((string)reply!["template_card"]!["card_action"]!["url"]!).AbsolutePath;
        var parts = path["/forms/".Length..].Split('.');

        var forgedSignature = await h.Client.GetAsync($"/forms/{parts[0]}.{parts[1]}.{new string('A', parts[2].Length)}");
        var longerExpiry = await h.Client.GetAsync($"/forms/{parts[0]}.{long.Parse(parts[1]) + 3600}.{parts[2]}");
        var unknown = await h.Client.PostAsync($"/forms/fdeadbeef.{parts[1]}.{parts[2]}", JsonBody("""{"data":{}}"""));
        var malformed = await h.Client.GetAsync("/forms/nonsense");

        Assert.Equal(HttpStatusCode.Forbidden, forgedSignature.StatusCode);
        Assert.Contains("链接无效", await forgedSignature.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, longerExpiry.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);

        h.Host.Clock.Advance(TimeSpan.FromMinutes(31));
        var expired = await h.Client.PostAsync(path, JsonBody("""{"data":{"name":"张三"}}"""));
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("已过期", await expired.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task With_sign_in_required_only_the_addressee_can_open_and_submit_the_form()
    {
        using var h = new WeComChannelHarness(settings: new() { ["WeCom:FormRequireSignIn"] = "true" });
        var reply = await h.PostRobotAsync(GroupText("填表"));
        var path = new Uri((string)reply!["template_card"]!["card_action"]!["url"]!).AbsolutePath;
        using var browser = h.Host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var first = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var authorize = first.Headers.Location!.ToString();
        Assert.StartsWith($"https://open.weixin.qq.com/connect/oauth2/authorize?appid={SampleCorpId}&redirect_uri={Uri.EscapeDataString(PublicBaseUrl + path)}", authorize);
        Assert.Contains("scope=snsapi_base", authorize);
        Assert.Contains("agentid=1000002", authorize);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.PostAsync(path, JsonBody("""{"data":{"name":"X"}}"""))).StatusCode);

        var otherMember = await browser.GetAsync(path + "?code=code-lisi&state=form");
        Assert.Equal(HttpStatusCode.Forbidden, otherMember.StatusCode);
        Assert.Contains("仅限发起人本人填写", await otherMember.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync(path + "?code=bogus")).StatusCode);

        var signedIn = await browser.GetAsync(path + "?code=code-zhangsan&state=form");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(path, signedIn.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(path)).StatusCode);
        var submit = await browser.PostAsync(path, JsonBody("""{"data":{"form":"mediation","name":"张三"}}"""));
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        Assert.Contains("收到表单:张三", await submit.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Webhook_reminder_posts_markdown_and_mentions_to_the_key_set_by_command()
    {
        using var h = new WeComChannelHarness();
        var set = await h.PostRobotAsync(GroupText("设置群机器人 693a91f6-7aaa-4bc4-97a0-0ec2sifa5aaa"));
        var said = (string)set!["stream"]!["content"]!;
        Assert.Contains("693a****5aaa", said);
        Assert.DoesNotContain("7aaa-4bc4", said);
        var workspaceId = $"wecom:{AiBotId}:{ChatId}";
        Assert.Equal("693a91f6-7aaa-4bc4-97a0-0ec2sifa5aaa", h.Host.Service<WorkspaceStore>().Get(workspaceId)!.WeComWebhookKey);

        var reference = h.Host.Service<ConversationReferenceStore>().Get(workspaceId)!;
        var reminder = TurnContext.CardActivity(new ChatBot.Cards.AdaptiveCards.AdaptiveCard().Add(
                ChatBot.Cards.AdaptiveCards.TextBlock.Title("督办提醒"),
                new ChatBot.Cards.AdaptiveCards.FactSet().Add("任务", "防汛物资盘点").Add("期限", "2026-03-09")),
            "<at>张三</at> 以下任务已逾期:", [Entity.Mention("zhangsan", "张三")]);
        reminder.Entities![0].Text = "<at>张三</at>";
        await h.Host.Service<ProactiveMessenger>().SendAsync(reference, reminder, CancellationToken.None);

        var posts = h.Requests("/cgi-bin/webhook/send");
        Assert.Equal(2, posts.Count);
        Assert.All(posts, p => Assert.Equal("693a91f6-7aaa-4bc4-97a0-0ec2sifa5aaa", p.Query("key")));
        Assert.Equal("markdown", (string)posts[0].Json["msgtype"]!);
        var markdown = (string)posts[0].Json["markdown"]!["content"]!;
        Assert.Contains("<@zhangsan> 以下任务已逾期", markdown);
        Assert.Contains("**督办提醒**", markdown);
        Assert.Contains("**任务**:防汛物资盘点", markdown);
        Assert.Equal("text", (string)posts[1].Json["msgtype"]!);
        Assert.Equal(["zhangsan"], posts[1].Json["text"]!["mentioned_list"]!.AsArray().Select(n => (string)n!));
    }

    [Fact]
    public async Task The_21st_reminder_in_a_minute_waits_for_the_window_and_none_is_dropped()
    {
        using var h = new WeComChannelHarness(settings: new() { ["WeCom:WebhookKeys:grp-2"] = "configured-key-0002" });
        var reference = new StoredConversationReference
        {
            Id = $"wecom:{AiBotId}:grp-2", ChannelId = "wecom", ConversationId = "grp-2", IsGroup = true, ServiceUrl = "wecom:robot",
        };
        var messenger = h.Host.Service<ProactiveMessenger>();

        var sends = Enumerable.Range(1, 21).Select(i =>
            messenger.SendAsync(reference, new Activity { Type = ActivityTypes.Message, Text = $"提醒 #{i}" }, CancellationToken.None)).ToList();

        await Eventually(() => h.Requests("/cgi-bin/webhook/send").Count == 20, "the first 20 posts");
        await Task.Delay(300);
        Assert.Equal(20, h.Requests("/cgi-bin/webhook/send").Count);
        Assert.False(sends.All(s => s.IsCompleted));

        h.Host.Clock.Advance(TimeSpan.FromSeconds(61));
        await Task.WhenAll(sends).WaitAsync(TimeSpan.FromSeconds(15));
        var texts = h.Requests("/cgi-bin/webhook/send").Select(r => (string)r.Json["markdown"]!["content"]!).ToList();
        Assert.Equal(21, texts.Distinct().Count());
        Assert.All(h.Requests("/cgi-bin/webhook/send"), r => Assert.Equal("configured-key-0002", r.Query("key")));
    }

    [Fact]
    public async Task A_reminder_WeCom_refuses_throws_so_the_outbox_retries()
    {
        using var h = new WeComChannelHarness();
        var reference = new StoredConversationReference { Id = "wecom:x:nokey", ChannelId = "wecom", ConversationId = "nokey", IsGroup = true };

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            h.Host.Service<ProactiveMessenger>().SendAsync(reference, new Activity { Text = "hi" }, CancellationToken.None));
    }

    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");
}
