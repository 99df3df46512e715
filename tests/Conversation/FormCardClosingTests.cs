using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Storage.Study;
using ChatBot.Tests.DirectLine;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.Conversation;

/// <summary>
/// A form card that was submitted (saved) or cancelled cannot be submitted again: the bot replaces it on screen (Web
/// Chat: the same activity id delivered again; Teams: a PUT of the clicked message), and a click on an old copy is
/// answered 这张卡片已处理 without saving anything.
/// </summary>
public class FormCardClosingTests
{
    private const string Rule = "每月第一个周五 15:00";

    [Fact]
    public async Task A_saved_study_form_in_web_chat_comes_back_as_its_receipt_under_the_same_id_and_a_second_submit_saves_nothing()
    {
        using var host = new BotHost(settings: new() { ["Reminders:Enabled"] = "false" });
        var dl = new DirectLineClient(host);
        await dl.StartAsync();
        await dl.PollAsync();

        await dl.SayAsync("安排学法");
        var form = (await dl.PollAsync()).Single(a => a.Card() is not null);
        var save = SubmitData(form, "保存");
        var cardId = save["cardId"]!.GetValue<string>();
        Assert.Equal("安排学法活动", save["cardTitle"]!.GetValue<string>());
        Assert.Equal(cardId, SubmitData(form, "取消")["cardId"]!.GetValue<string>());

        var submit = Filled(save, "每月一法", "民法典");
        await PostSubmitAsync(dl, submit);
        var after = await dl.PollAsync();

        var receipt = Assert.Single(after, a => a.Id == form.Id);
        Assert.Contains("已保存为学法活动 #1", receipt.AllText());
        Assert.Empty(Inputs(receipt));
        Assert.Empty(Buttons(receipt));
        Assert.Equal(form.Timestamp, receipt.Timestamp); // Web Chat sorts by time: it stays where the form was
        Assert.Contains("已安排学法活动 #1", after.Where(a => a.Id != form.Id).AllText());

        // The same submit again (a double click, or the copy in another tab): answered, nothing saved twice.
        await PostSubmitAsync(dl, submit);
        var again = await dl.PollAsync();
        Assert.Contains("这张卡片已处理", again.AllText());
        Assert.DoesNotContain(again, a => a.Id == form.Id);
        Assert.Single(host.Service<StudyStore>().All());
    }

    [Fact]
    public async Task A_cancelled_form_shows_cancelled_and_its_save_button_then_saves_nothing()
    {
        using var host = new BotHost(settings: new() { ["Reminders:Enabled"] = "false" });
        var dl = new DirectLineClient(host);
        await dl.StartAsync(locale: "en-US");
        await dl.PollAsync();
        await dl.SayAsync("schedule study", locale: "en-US");
        var form = (await dl.PollAsync()).Single(a => a.Card() is not null);

        await PostSubmitAsync(dl, SubmitData(form, "Cancel"), "en-US");
        var after = await dl.PollAsync();
        var closed = Assert.Single(after, a => a.Id == form.Id);
        Assert.Contains("Schedule a law-study session", closed.AllText());
        Assert.Contains("Cancelled; nothing was saved.", closed.AllText());
        Assert.Empty(Buttons(closed));

        await PostSubmitAsync(dl, Filled(SubmitData(form, "Save"), "Law of the month", "Civil Code"), "en-US");
        var again = await dl.PollAsync();
        Assert.Contains("This card was already handled (cancelled)", again.AllText());
        Assert.Empty(host.Service<StudyStore>().All());
    }

    [Fact]
    public async Task A_form_with_an_error_stays_live_as_a_corrected_copy_with_the_same_id_and_the_first_copy_gives_way()
    {
        using var host = new BotHost(settings: new() { ["Reminders:Enabled"] = "false" });
        var dl = new DirectLineClient(host);
        await dl.StartAsync();
        await dl.PollAsync();
        await dl.SayAsync("安排学法");
        var form = (await dl.PollAsync()).Single(a => a.Card() is not null);
        var save = SubmitData(form, "保存");

        var wrong = Filled(save, "每月一法", "民法典");
        wrong["rule"] = "某天";
        await PostSubmitAsync(dl, wrong);
        var after = await dl.PollAsync();

        var note = Assert.Single(after, a => a.Id == form.Id);
        Assert.Contains("请在下方新的表单中修改后提交", note.AllText());
        Assert.Empty(Buttons(note));
        var corrected = Assert.Single(after, a => a.Id != form.Id && a.Card() is not null);
        Assert.Equal("某天", Inputs(corrected).Single(i => i["id"]!.GetValue<string>() == "rule")["value"]!.GetValue<string>());
        Assert.Equal(save["cardId"]!.GetValue<string>(), SubmitData(corrected, "保存")["cardId"]!.GetValue<string>());

        await PostSubmitAsync(dl, Filled(SubmitData(corrected, "保存"), "每月一法", "民法典"));
        var saved = await dl.PollAsync();
        Assert.Contains("已保存为学法活动 #1", Assert.Single(saved, a => a.Id == corrected.Id).AllText());

        // The first copy, clicked again (from a page that still shows it): the card was handled.
        await PostSubmitAsync(dl, Filled(save, "每月一法", "民法典"));
        Assert.Contains("这张卡片已处理", (await dl.PollAsync()).AllText());
        Assert.Single(host.Service<StudyStore>().All());
    }

    [Fact]
    public async Task The_welcome_name_field_closes_when_saved_and_the_three_buttons_stay_live()
    {
        using var host = new BotHost(settings: new() { ["Reminders:Enabled"] = "false" });
        var dl = new DirectLineClient(host);
        await dl.StartAsync();
        var welcome = Assert.Single(await dl.PollAsync());
        // The greeting is said once: as the card's heading, with no text beside it.
        Assert.Null(welcome.Text);
        Assert.Contains("您好!我是依法行政助手", welcome.AllText());
        var saveName = SubmitData(welcome, "保存称呼");
        Assert.NotNull(saveName["cardId"]);
        Assert.Null(SubmitData(welcome, "登记调解")["cardId"]); // a plain button: no card id, never closed

        saveName["name"] = "王小明";
        await PostSubmitAsync(dl, saveName);
        var after = await dl.PollAsync();
        var named = Assert.Single(after, a => a.Id == welcome.Id);
        Assert.Contains("称呼:王小明", named.AllText());
        Assert.Empty(Inputs(named));
        Assert.Equal(["登记调解", "安排学法", "查看逾期任务"], Buttons(named).Select(b => b["title"]!.GetValue<string>()));

        await PostSubmitAsync(dl, SubmitData(named, "登记调解"));
        Assert.Contains("人民调解案件登记", (await dl.PollAsync()).AllText());
        await PostSubmitAsync(dl, saveName);
        Assert.Contains("这张卡片已处理", (await dl.PollAsync()).AllText());
    }

    [Fact]
    public async Task In_teams_the_saved_form_is_put_in_place_by_its_reply_to_id_and_a_click_on_the_old_copy_saves_nothing()
    {
        using var host = new BotHost(settings: new() { ["Reminders:Enabled"] = "false" });
        var form = (await host.SendAsync(Activities.Message("安排学法"))).Single(a => a.Card() is not null);
        var save = SubmitData(form, "保存");
        var submit = Filled(save, "每月一法", "民法典");

        var replies = await host.SendAsync(Activities.Submit(submit, replyToId: "card-message-1"));
        Assert.Contains("已安排学法活动 #1", replies.AllText());
        var put = Assert.Single(host.Connector.Updated);
        Assert.Equal("card-message-1", put.Id);
        Assert.Contains("已保存为学法活动 #1", put.AllText());

        // A second click before Teams showed the receipt (or on another device): no second session.
        var again = await host.SendAsync(Activities.Submit(submit, replyToId: "card-message-1"));
        Assert.Contains("这张卡片已处理", again.AllText());
        Assert.Single(host.Service<StudyStore>().All());
    }

    private static JsonObject Filled(JsonObject save, string title, string law)
    {
        var data = (JsonObject)save.DeepClone();
        data["title"] = title;
        data["law"] = law;
        data["format"] = "Centralized";
        data["rule"] = Rule;
        return data;
    }

    private static async Task PostSubmitAsync(DirectLineClient dl, JsonObject value, string locale = "zh-CN")
    {
        // What Web Chat posts for an Action.Submit: a message with the card's inputs and data as its value, no replyToId.
        var response = await dl.PostActivityAsync(new
        {
            type = "message", locale, from = new { id = "web-user-1", role = "user" }, value,
            channelData = new { clientActivityID = "client-" + Guid.NewGuid().ToString("N"), postBack = true },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static JsonObject Card(Activity a) => JsonNode.Parse(a.Card()!.Value.GetRawText())!.AsObject();

    private static IEnumerable<JsonObject> Buttons(Activity a) => Walk(Card(a)).Where(o => o["type"]?.GetValue<string>() == "Action.Submit");

    private static IEnumerable<JsonObject> Inputs(Activity a) => Walk(Card(a)).Where(o => o["type"]?.GetValue<string>()?.StartsWith("Input.") == true);

    private static JsonObject SubmitData(Activity a, string title) =>
        (JsonObject)Buttons(a).Single(b => b["title"]!.GetValue<string>() == title)["data"]!.DeepClone();

    private static IEnumerable<JsonObject> Walk(JsonNode? node)
    {
        if (node is JsonObject o)
        {
            yield return o;
            foreach (var (_, v) in o) foreach (var c in Walk(v)) yield return c;
        }
        else if (node is JsonArray arr)
            foreach (var item in arr) foreach (var c in Walk(item)) yield return c;
    }
}
