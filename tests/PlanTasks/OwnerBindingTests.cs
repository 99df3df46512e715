using System.Text;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Cards.PlanTasks;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.PlanTasks;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.PlanTasks;

/// <summary>
/// 绑定 / 解除绑定 (#24) in a Teams group: 王小明 (user-1) is the admin, 李娜 (user-2) an owner who has spoken, 王建华
/// (user-3) has spoken too. The plan names the owners "王书记" and "赵队长", which are titles nobody is called.
/// Tuesday 2026-03-10: #1 (王书记) overdue since 03-05, #2 (赵队长) due 12-31, #3 (李娜) due 03-12.
/// </summary>
public class OwnerBindingTests
{
    private const string Group = "19:group-1@thread.v2";
    private const string Ws = "msteams:tenant-1:19:group-1@thread.v2";
    private const string Admin = "user-1", Owner = "user-2", Secretary = "user-3";

    private const string Csv = "计划,板块,任务,责任人,牵头单位,完成时限\n"
        + "2026年平安建设工作要点,,开展矛盾纠纷大排查,王书记,综治中心,2026-03-05\n"
        + "2026年平安建设工作要点,,沿街商铺占道整治,赵队长,综合执法办,2026-12-31\n"
        + "2026年平安建设工作要点,,法律顾问合同续签,李娜,司法所,2026-03-12\n";

    private static Activity Say(string text, string user = Admin, string locale = "zh-CN") => Activities.GroupMention(text, user, Group, locale);

    private static Activity Click(object value, string user = Admin) => Activities.Submit(value, user, Group, "groupChat");

    private static async Task<BotHost> GroupAsync()
    {
        var host = new BotHost(settings: new() { ["Reminders:Enabled"] = "false" });
        var import = Say("导入计划");
        import.Attachments = [new Attachment { ContentType = "text/csv", Name = "计划.csv", ContentUrl = "data:text/csv;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(Csv)) }];
        await host.SendAsync(import);
        Assert.Contains("新增 3 项", (await host.SendAsync(Click(new { choice = "yes" }))).AllText());
        await host.SendAsync(Say("任务列表", Owner));
        var secretary = Say("任务列表", Secretary);
        secretary.From!.Name = "王建华";
        await host.SendAsync(secretary);
        var workspaces = host.Service<WorkspaceStore>();
        var ws = workspaces.Get(Ws)!;
        ws.Admins = ["msteams:" + Admin];
        workspaces.Save(ws);
        return host;
    }

    /// <summary>"绑定 {owner} @王建华" as Teams sends it: the bot's and 王建华's mentions.</summary>
    private static Activity BindWithMention(string owner, string user = Admin)
    {
        var a = Say($"绑定 {owner} <at>王建华</at>", user);
        a.Entities = [.. a.Entities!, new Entity { Type = "mention", Text = "<at>王建华</at>", Mentioned = new ChannelAccount { Id = Secretary, Name = "王建华" } }];
        return a;
    }

    [Fact]
    public async Task An_admin_binds_a_title_to_a_member_and_chasing_then_mentions_that_person()
    {
        await using var host = await GroupAsync();
        var before = Assert.Single(await host.SendAsync(Say("催办 1")));
        Assert.DoesNotContain(before.Entities ?? [], e => e.Mentioned?.Id == Secretary); // 王书记 is nobody yet
        host.Clock.Advance(TimeSpan.FromDays(1)); // Wednesday: a new day, a new chase allowed

        Assert.Contains("只有管理员", (await host.SendAsync(BindWithMention("王书记", Owner))).AllText());
        Assert.Empty(host.Service<OwnerBindingStore>().Of(Ws));

        var bound = Assert.Single(await host.SendAsync(BindWithMention("王书记")));
        Assert.Contains("已将责任人“王书记”绑定到 <at>王建华</at>(未办结任务 1 项)", bound.Text);
        Assert.Contains(bound.Entities!, e => e.Mentioned?.Id == Secretary);
        var stored = host.Service<OwnerBindingStore>().Get(Ws, "王书记")!;
        Assert.Equal(("msteams:" + Secretary, "王建华", "王小明"), (stored.UserKey, stored.UserName, stored.BoundBy));

        var chase = Assert.Single(await host.SendAsync(Say("催办 1")));
        Assert.Contains("<at>王书记</at>", chase.Text);
        var mention = Assert.Single(chase.Entities!, e => e.Type == "mention");
        Assert.Equal((Secretary, "王书记"), (mention.Mentioned!.Id, mention.Mentioned.Name));

        Assert.Contains("已解除“王书记”与 王建华 的绑定", (await host.SendAsync(Say("解除绑定 王书记"))).AllText());
        Assert.Null(host.Service<OwnerBindingStore>().Get(Ws, "王书记"));
        Assert.Contains("“王书记”没有绑定任何人", (await host.SendAsync(Say("解除绑定 王书记"))).AllText());
        host.AssertAllCardsRender();
    }

    [Fact]
    public async Task Bind_alone_lists_the_unbound_names_with_a_people_picker_and_the_card_binds_by_aad_id()
    {
        await using var host = await GroupAsync();
        var card = Assert.Single(await host.SendAsync(Say("绑定")));
        var json = System.Text.Json.JsonSerializer.Serialize(card.Attachments![0].Content);
        Assert.Contains("\"choices.data\":{\"type\":\"Data.Query\",\"dataset\":\"graph.microsoft.com/users\"}", json);
        var text = card.AllText();
        Assert.Contains("以下 2 个责任人名称还没有对应到群成员", text);
        Assert.Contains("王书记", text);
        Assert.Contains("赵队长", text);
        Assert.Contains("王建华", text); // a known member among the static choices
        Assert.DoesNotContain("\"李娜\"", json.Replace("\"title\":\"李娜\"", "")); // 李娜 is a member by name: not listed as unbound

        // The people picker answers with the AAD object id: 王建华 has been seen with it.
        var saved = await host.SendAsync(Click(new { verb = OwnerBindingCards.BindVerb, owner = "赵队长", person = "aad-" + Secretary }));
        Assert.Contains("已将责任人“赵队长”绑定到 <at>王建华</at>", saved.Last().Text);
        Assert.Equal("msteams:" + Secretary, host.Service<OwnerBindingStore>().Get(Ws, "赵队长")!.UserKey);

        // Someone of the organisation the bot has never seen: the AAD id itself is mentioned.
        var aad = "6f1c9a52-3b0e-4a58-9d1e-2f3b4c5d6e7f";
        await host.SendAsync(Click(new { verb = OwnerBindingCards.BindVerb, owner = "王书记", person = aad }));
        Assert.Equal("msteams:" + aad, host.Service<OwnerBindingStore>().Get(Ws, "王书记")!.UserKey);

        var after = Assert.Single(await host.SendAsync(Say("绑定"))).AllText();
        Assert.Contains("所有责任人都已绑定或能直接@到", after);
        Assert.Contains("赵队长", after);

        // Nothing recognisable: a polite answer and nothing saved.
        Assert.Contains("没有找到名为“nobody”的成员", (await host.SendAsync(Click(new { verb = OwnerBindingCards.BindVerb, owner = "钱所长", person = "nobody" }))).AllText());
        Assert.Null(host.Service<OwnerBindingStore>().Get(Ws, "钱所长"));
        host.AssertAllCardsRender();
    }

    [Fact]
    public async Task Typed_names_bind_in_english_too_and_a_missing_person_is_asked_for()
    {
        await using var host = await GroupAsync();
        var ask = (await host.SendAsync(Say("bind 王书记", locale: "en-US"))).AllText();
        Assert.True(ask.Contains("Say who \"王书记\" is"), ask);
        Assert.Contains("No member named \"钱七\" found", (await host.SendAsync(Say("bind 王书记 钱七", locale: "en-US"))).AllText());
        var bound = (await host.SendAsync(Say("bind 王书记 王建华", locale: "en-US"))).AllText();
        Assert.Contains("Owner \"王书记\" is now bound to <at>王建华</at> (1 open task(s))", bound);

        var digest = (await host.SendAsync(Say("进度公开"))).AllText();
        Assert.Contains("尚未绑定、无法@提醒的责任人:赵队长。", digest);
        Assert.DoesNotContain("王书记。", digest);
        host.AssertAllCardsRender();
    }

    [Fact]
    public async Task The_task_card_in_teams_has_a_people_picker_whose_ids_become_owner_names()
    {
        await using var host = await GroupAsync();
        var form = Assert.Single(await host.SendAsync(Say("新建任务")));
        var json = System.Text.Json.JsonSerializer.Serialize(form.Attachments![0].Content,
            new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains("\"id\":\"ownerPeople\"", json);
        Assert.Contains("\"choices.data\":{\"type\":\"Data.Query\",\"dataset\":\"graph.microsoft.com/users\"}", json);
        Assert.Contains("{\"title\":\"王建华\",\"value\":\"王建华\"}", json);

        // Someone the bot has never seen: refused politely, nothing saved, the card shown again.
        var refused = await host.SendAsync(Click(new
        {
            form = "task", plan = "2026年平安建设工作要点", year = "2026", section = "", title = "修订值班制度", owners = "",
            ownerPeople = "6f1c9a52-3b0e-4a58-9d1e-2f3b4c5d6e7f", department = "党政办", support = "", key = "false", due = "2026-04-30",
        }));
        Assert.Contains("还没有在本群出现过", refused.AllText());
        Assert.DoesNotContain(host.Service<PlanTaskStore>().All(Ws), t => t.Title == "修订值班制度");

        // The picker answers AAD object ids (comma-separated), a picked static choice its name; typed owners are kept too.
        await host.SendAsync(Click(new
        {
            form = "task", plan = "2026年平安建设工作要点", year = "2026", section = "", title = "修订值班制度", owners = "王书记",
            ownerPeople = "aad-" + Secretary + ",李娜", department = "党政办", support = "", key = "false", due = "2026-04-30",
        }));
        var saved = host.Service<PlanTaskStore>().All(Ws).Single(t => t.Title == "修订值班制度");
        Assert.Equal(["王书记", "王建华", "李娜"], saved.Owners);
        host.AssertAllCardsRender();
    }

    [Fact]
    public void The_task_card_outside_teams_offers_the_known_members_without_the_people_picker()
    {
        var card = PlanTaskCards.TaskForm(ChatBot.Cards.Lang.Zh, null, 2026, "2026年工作计划", members: ["李娜", "王建华"], peoplePicker: false);
        var picker = Assert.Single(card.Body.OfType<ChatBot.Cards.AdaptiveCards.ChoiceSetInput>(), c => c.Id == PlanTaskCards.OwnerPeopleField);
        Assert.Null(picker.ChoicesData);
        Assert.Equal(["李娜", "王建华"], picker.Choices.Select(c => c.Value));
        Assert.Equal("或选择群成员为责任人", picker.Label);
    }
}
