using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Bot.Channels.WeCom;
using ChatBot.Bot.Channels.WeCom.App;
using ChatBot.Bot.Channels.WeCom.Cards;
using ChatBot.Bot.Channels.WeCom.Robot;

namespace ChatBot.Tests.WeCom;

public class WeComWireModelTests
{
    [Fact]
    public void Robot_group_text_message_parses_and_loses_the_mention()
    {
        const string json = """
            {"msgid":"CAIQ16HMjQYY","aibotid":"AIBOTID","chatid":"CHATID","chattype":"group",
             "from":{"userid":"zhangsan"},"response_url":"https://example.invalid/resp","msgtype":"text",
             "text":{"content":"@政务助手\u2005明天几点开会？"},"quote":{"msgtype":"text","text":{"content":"会议通知"}}}
            """;

        Assert.True(WeComRobotCallback.TryParse(json, out var callback));

        Assert.Equal("CAIQ16HMjQYY", callback.MsgId);
        Assert.Equal("AIBOTID", callback.AiBotId);
        Assert.Equal("CHATID", callback.ChatId);
        Assert.True(callback.IsGroupChat);
        Assert.Equal("zhangsan", callback.From?.UserId);
        Assert.Equal("https://example.invalid/resp", callback.ResponseUrl);
        Assert.Equal("明天几点开会？", callback.UserText());
        Assert.Equal("会议通知", callback.Quote?.Text?.Content);
    }

    [Theory]
    [InlineData("@RobotA hello robot", "hello robot")]
    [InlineData("hello @RobotA", "hello @RobotA")]
    [InlineData("@RobotA", "")]
    [InlineData("  plain  ", "plain")]
    public void Only_a_leading_mention_is_stripped(string text, string expected)
    {
        Assert.Equal(expected, WeComRobotCallback.StripLeadingMention(text));
    }

    [Fact]
    public void Robot_mixed_message_joins_its_text_parts()
    {
        const string json = """
            {"msgid":"m","aibotid":"b","chattype":"single","from":{"userid":"u"},"msgtype":"mixed",
             "mixed":{"msg_item":[{"msgtype":"text","text":{"content":"@机器人 这是今日的测试情况"}},
                                  {"msgtype":"image","image":{"url":"https://example.invalid/img"}},
                                  {"msgtype":"text","text":{"content":"第二段"}}]}}
            """;

        Assert.True(WeComRobotCallback.TryParse(json, out var callback));

        Assert.False(callback.IsGroupChat);
        Assert.Equal("这是今日的测试情况\n第二段", callback.UserText());
        Assert.Equal("https://example.invalid/img", callback.Mixed!.MsgItem![1].Image?.Url);
    }

    [Fact]
    public void Robot_vote_card_click_carries_task_key_and_selected_options()
    {
        const string json = """
            {"msgid":"e1","create_time":1700000000,"aibotid":"AIBOTID","from":{"corpid":"CORPID","userid":"USERID"},
             "chatid":"CHATID","chattype":"group","response_url":"RESPONSEURL","msgtype":"event",
             "event":{"eventtype":"template_card_event","template_card_event":{
               "card_type":"vote_interaction","event_key":"submit_key","task_id":"task-42",
               "selected_items":{"selected_item":[{"question_key":"q1","option_ids":{"option_id":["one","two"]}}]}}}}
            """;

        Assert.True(WeComRobotCallback.TryParse(json, out var callback));

        Assert.Equal(WeComRobotMsgTypes.Event, callback.MsgType);
        Assert.Equal(1700000000, callback.CreateTime);
        Assert.Equal("CORPID", callback.From?.CorpId);
        Assert.Equal(WeComRobotEventTypes.TemplateCardEvent, callback.Event?.EventType);
        var click = callback.Event!.TemplateCardEvent!;
        Assert.Equal(WeComCardTypes.VoteInteraction, click.CardType);
        Assert.Equal("submit_key", click.EventKey);
        Assert.Equal("task-42", click.TaskId);
        var selected = Assert.Single(click.SelectedItems!.SelectedItem!);
        Assert.Equal("q1", selected.QuestionKey);
        Assert.Equal(["one", "two"], selected.OptionIds!.OptionId!);
        Assert.Null(callback.UserText());
    }

    [Fact]
    public void Robot_enter_chat_feedback_and_stream_refresh_parse()
    {
        Assert.True(WeComRobotCallback.TryParse("""
            {"msgid":"a","aibotid":"b","from":{"userid":"u"},"msgtype":"event","event":{"eventtype":"enter_chat"}}
            """, out var enter));
        Assert.True(WeComRobotCallback.TryParse("""
            {"msgid":"c","aibotid":"b","chattype":"group","chatid":"g","from":{"userid":"u"},"msgtype":"event",
             "event":{"eventtype":"feedback_event","feedback_event":{"id":"FB1","type":2,"content":"能再详细一些么","inaccurate_reason_list":[2,4]}}}
            """, out var feedback));
        Assert.True(WeComRobotCallback.TryParse("""
            {"msgid":"d","aibotid":"b","chattype":"single","from":{"userid":"u"},"msgtype":"stream","stream":{"id":"STREAMID"}}
            """, out var refresh));

        Assert.Equal(WeComRobotEventTypes.EnterChat, enter.Event?.EventType);
        Assert.Equal("FB1", feedback.Event?.FeedbackEvent?.Id);
        Assert.Equal([2, 4], feedback.Event!.FeedbackEvent!.InaccurateReasonList!);
        Assert.Equal("STREAMID", refresh.Stream?.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("""{"msgid": 5, "from": "x"}""")]
    public void Robot_callback_garbage_is_refused(string json)
    {
        Assert.False(WeComRobotCallback.TryParse(json, out _));
    }

    [Fact]
    public void Robot_stream_reply_has_the_documented_shape()
    {
        var json = JsonNode.Parse(WeComRobotReply.ForStream("s-1", "**答复**：明早9点", finish: true).ToJson())!;

        Assert.Equal("stream", (string)json["msgtype"]!);
        Assert.Equal("s-1", (string)json["stream"]!["id"]!);
        Assert.True((bool)json["stream"]!["finish"]!);
        Assert.Equal("**答复**：明早9点", (string)json["stream"]!["content"]!);
        Assert.Null(json["stream"]!["feedback"]);
        Assert.Null(json["template_card"]);
        Assert.Null(json["text"]);
    }

    [Fact]
    public void Robot_stream_reply_is_cut_to_20480_bytes()
    {
        var reply = WeComRobotReply.ForStream("s", new string('好', 10_000));

        Assert.InRange(WeComText.Utf8Length(reply.Stream!.Content!), 20_000, WeComText.RobotStreamMaxBytes);
        Assert.EndsWith(WeComText.Ellipsis, reply.Stream.Content);
    }

    [Fact]
    public void Robot_card_and_card_update_replies_have_the_documented_shape()
    {
        var card = WeComTemplateCard.ButtonInteraction("task_1", "是否收到通知？", null,
            [new WeComCardButton { Text = "收到", Key = "ack", Style = 1 }]);

        var reply = JsonNode.Parse(WeComRobotReply.ForCard(card).ToJson())!;
        var update = JsonNode.Parse(WeComRobotCardUpdateReply.For(card, "zhangsan").ToJson())!;
        var welcome = JsonNode.Parse(WeComRobotReply.ForWelcomeText("您好").ToJson())!;
        var both = JsonNode.Parse(WeComRobotReply.ForStreamWithCard("s", "正文", true, card).ToJson())!;

        Assert.Equal("template_card", (string)reply["msgtype"]!);
        Assert.Equal("task_1", (string)reply["template_card"]!["task_id"]!);
        Assert.Equal("update_template_card", (string)update["response_type"]!);
        Assert.Equal("zhangsan", (string)update["userids"]![0]!);
        Assert.Equal("button_interaction", (string)update["template_card"]!["card_type"]!);
        Assert.Equal("您好", (string)welcome["text"]!["content"]!);
        Assert.Equal("stream_with_template_card", (string)both["msgtype"]!);
        Assert.NotNull(both["stream"]);
        Assert.NotNull(both["template_card"]);
    }

    [Fact]
    public void Button_card_serializes_task_id_and_buttons()
    {
        var card = WeComTemplateCard.ButtonInteraction("law-q-001", "请确认", "防汛值班", [
            new WeComCardButton { Text = "确认", Key = "confirm", Style = 1 },
            new WeComCardButton { Text = "稍后", Key = "later" },
        ]);

        var json = JsonNode.Parse(JsonSerializer.Serialize(card, WeComJson.Options))!;

        Assert.Equal("button_interaction", (string)json["card_type"]!);
        Assert.Equal("law-q-001", (string)json["task_id"]!);
        Assert.Equal("请确认", (string)json["main_title"]!["title"]!);
        var buttons = json["button_list"]!.AsArray();
        Assert.Equal(2, buttons.Count);
        Assert.Equal("确认", (string)buttons[0]!["text"]!);
        Assert.Equal(1, (int)buttons[0]!["style"]!);
        Assert.Equal("confirm", (string)buttons[0]!["key"]!);
        Assert.Null(buttons[1]!["style"]);
        Assert.Null(json["card_action"]);
    }

    [Fact]
    public void Button_card_limits_are_enforced()
    {
        var seven = Enumerable.Range(0, 7).Select(i => new WeComCardButton { Text = $"b{i}", Key = $"k{i}" }).ToList();
        var one = new[] { new WeComCardButton { Text = "b", Key = "k" } };

        Assert.Throws<ArgumentException>(() => WeComTemplateCard.ButtonInteraction("t", "title", null, seven));
        Assert.Throws<ArgumentException>(() => WeComTemplateCard.ButtonInteraction("t", "title", null, []));
        Assert.Throws<ArgumentException>(() => WeComTemplateCard.ButtonInteraction("bad id!", "title", null, one));
        Assert.Throws<ArgumentException>(() => WeComTemplateCard.ButtonInteraction(new string('a', 129), "title", null, one));
        Assert.True(WeComTemplateCard.IsValidTaskId("a-b_c@1"));
        Assert.False(WeComTemplateCard.IsValidTaskId("任务"));
    }

    [Fact]
    public void Vote_and_notice_cards_have_the_documented_shape()
    {
        var vote = JsonNode.Parse(JsonSerializer.Serialize(WeComTemplateCard.VoteInteraction("vote-1", "会议时间", null, "time",
            [new WeComCardOption { Id = "am", Text = "上午" }, new WeComCardOption { Id = "pm", Text = "下午", IsChecked = true }],
            "提交", "submit", multipleChoice: true), WeComJson.Options))!;
        var notice = JsonNode.Parse(JsonSerializer.Serialize(WeComTemplateCard.TextNotice("停水通知", "明日8:00-12:00",
            "https://example.invalid/notice"), WeComJson.Options))!;

        Assert.Equal("vote_interaction", (string)vote["card_type"]!);
        Assert.Equal("time", (string)vote["checkbox"]!["question_key"]!);
        Assert.Equal(1, (int)vote["checkbox"]!["mode"]!);
        Assert.Equal("pm", (string)vote["checkbox"]!["option_list"]![1]!["id"]!);
        Assert.True((bool)vote["checkbox"]!["option_list"]![1]!["is_checked"]!);
        Assert.Equal("submit", (string)vote["submit_button"]!["key"]!);
        Assert.Equal("text_notice", (string)notice["card_type"]!);
        Assert.Equal(1, (int)notice["card_action"]!["type"]!);
        Assert.Equal("https://example.invalid/notice", (string)notice["card_action"]!["url"]!);
        Assert.Null(notice["task_id"]);
    }

    [Fact]
    public void App_text_message_xml_parses()
    {
        const string xml = """
            <xml><ToUserName><![CDATA[ww1234]]></ToUserName><FromUserName><![CDATA[lisi]]></FromUserName>
            <CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType>
            <Content><![CDATA[ 村规民约怎么修改？ ]]></Content><MsgId>1234567890123456</MsgId><AgentID>1000002</AgentID></xml>
            """;

        Assert.True(WeComAppCallbackMessage.TryParse(xml, out var message));

        Assert.Equal("ww1234", message.ToUserName);
        Assert.Equal("lisi", message.FromUserName);
        Assert.Equal(1700000000, message.CreateTime);
        Assert.Equal("text", message.MsgType);
        Assert.Equal(" 村规民约怎么修改？ ", message.Content);
        Assert.Equal("1234567890123456", message.MsgId);
        Assert.Equal("1000002", message.AgentId);
        Assert.False(message.IsEvent);
        Assert.Equal("1234567890123456", message.DedupeKey);
    }

    [Fact]
    public void App_template_card_event_xml_parses_with_selected_items()
    {
        const string xml = """
            <xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[FromUser]]></FromUserName>
            <CreateTime>123456789</CreateTime><MsgType><![CDATA[event]]></MsgType>
            <Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[key111]]></EventKey>
            <TaskId><![CDATA[taskid111]]></TaskId><CardType><![CDATA[vote_interaction]]></CardType>
            <ResponseCode><![CDATA[ResponseCode]]></ResponseCode><AgentID>1</AgentID>
            <SelectedItems>
              <SelectedItem><QuestionKey><![CDATA[QuestionKey1]]></QuestionKey>
                <OptionIds><OptionId><![CDATA[OptionId1]]></OptionId><OptionId><![CDATA[OptionId2]]></OptionId></OptionIds>
              </SelectedItem>
              <SelectedItem><QuestionKey><![CDATA[QuestionKey2]]></QuestionKey>
                <OptionIds><OptionId><![CDATA[OptionId3]]></OptionId></OptionIds>
              </SelectedItem>
            </SelectedItems></xml>
            """;

        Assert.True(WeComAppCallbackMessage.TryParse(xml, out var message));

        Assert.True(message.IsEvent);
        Assert.Equal(WeComAppEvents.TemplateCardEvent, message.Event);
        Assert.Equal("key111", message.EventKey);
        Assert.Equal("taskid111", message.TaskId);
        Assert.Equal("vote_interaction", message.CardType);
        Assert.Equal("ResponseCode", message.ResponseCode);
        Assert.Equal(2, message.SelectedItems.Count);
        Assert.Equal("QuestionKey1", message.SelectedItems[0].QuestionKey);
        Assert.Equal(["OptionId1", "OptionId2"], message.SelectedItems[0].OptionIds);
        Assert.Equal(["OptionId3"], message.SelectedItems[1].OptionIds);
        Assert.Null(message.MsgId);
        Assert.Contains("FromUser:123456789", message.DedupeKey);
    }

    [Theory]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><Content>&x;</Content></xml>""")]
    [InlineData("""<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><xml><Content>&lol2;</Content></xml>""")]
    [InlineData("<xml><Content>unclosed")]
    [InlineData("")]
    [InlineData(null)]
    public void App_xml_with_a_dtd_or_broken_markup_is_refused(string? xml)
    {
        Assert.False(WeComAppCallbackMessage.TryParse(xml, out _));
    }

    [Fact]
    public void App_message_requests_have_the_documented_shape()
    {
        var text = JsonNode.Parse(JsonSerializer.Serialize(WeComAppMessageRequest.ForText("zhangsan|lisi", "您好"), WeComJson.Options))!;
        var update = JsonNode.Parse(JsonSerializer.Serialize(
            WeComTemplateCardUpdateRequest.ReplaceButtonText("rc-1", "已确认", "zhangsan"), WeComJson.Options))!;

        Assert.Equal("zhangsan|lisi", (string)text["touser"]!);
        Assert.Equal("text", (string)text["msgtype"]!);
        Assert.Equal("您好", (string)text["text"]!["content"]!);
        Assert.Null(text["text"]!["mentioned_list"]);
        Assert.Null(text["markdown"]);
        Assert.Equal("rc-1", (string)update["response_code"]!);
        Assert.Equal("已确认", (string)update["button"]!["replace_name"]!);
        Assert.Equal("zhangsan", (string)update["userids"]![0]!);
        Assert.Null(update["template_card"]);
    }
}
