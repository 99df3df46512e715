using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Storage;
using ChatBot.Storage.Conversations;
using ChatBot.Tests.Infrastructure;
using LiteDB;

namespace ChatBot.Tests.Workspaces;

/// <summary>管理员 / 设为管理员 / 取消管理员: the first admin claims it, admins add and remove others, every change audited.</summary>
public class WorkspaceAdminTests
{
    private const string Group = "msteams:tenant-1:19:group-1@thread.v2"; // the workspace of Activities.GroupMention
    private const string Local = "local:office";

    private static BotHost NewHost() => new(settings: new() { ["Reminders:Enabled"] = "false" });

    private static Workspace WorkspaceOf(BotHost host, string id) => host.Service<WorkspaceStore>().Get(id)!;

    private static List<AuditEntry> AuditOf(BotHost host, string workspaceId) =>
        host.Service<LiteDatabase>().GetCollection<AuditEntry>(ChatBotDatabase.Audit)
            .Find(a => a.RecordKey == "workspaces/" + workspaceId).OrderBy(a => a.AtUtc).ThenBy(a => a.Id).ToList(); // the test clock stands still: then by insertion

    /// <summary>A Teams group message that @mentions the bot and a person, as Teams sends it.</summary>
    private static Activity MentioningPerson(string command, string personId, string personName, string user = "user-1", string locale = "zh-CN")
    {
        var a = Activities.GroupMention($"{command} <at>{personName}</at>", user, locale: locale);
        a.Entities = [.. a.Entities!, new Entity { Type = "mention", Text = $"<at>{personName}</at>", Mentioned = new ChannelAccount { Id = personId, Name = personName } }];
        return a;
    }

    [Fact]
    public async Task The_first_admin_claims_it_then_nobody_else_can_and_the_list_names_them()
    {
        using var host = NewHost();
        Assert.Contains("本群还没有设置管理员", (await host.SendAsync(Activities.GroupMention("管理员"))).AllText());

        var claimed = (await host.SendAsync(Activities.GroupMention("设为管理员"))).AllText();
        Assert.Contains("王小明 已成为本群第一位管理员", claimed);
        Assert.Equal(["msteams:user-1"], WorkspaceOf(host, Group).Admins);

        var refused = (await host.SendAsync(Activities.GroupMention("设为管理员", user: "user-2"))).AllText();
        Assert.Contains("本群已有管理员(王小明)", refused);
        Assert.Equal(["msteams:user-1"], WorkspaceOf(host, Group).Admins);

        Assert.Contains("本群管理员:王小明(包括您)", (await host.SendAsync(Activities.GroupMention("管理员"))).AllText());
        Assert.Contains("Admins here: 王小明.", (await host.SendAsync(Activities.GroupMention("admins", user: "user-2", locale: "en-US"))).AllText());

        var audit = Assert.Single(AuditOf(host, Group));
        Assert.Equal("workspace.admin.claim", audit.Action);
        Assert.Equal("msteams:user-1", audit.UserKey);
    }

    [Fact]
    public async Task An_admin_adds_the_person_a_teams_mention_names_and_a_member_who_is_not_an_admin_cannot()
    {
        using var host = NewHost();
        await host.SendAsync(Activities.GroupMention("设为管理员"));

        var added = (await host.SendAsync(MentioningPerson("设为管理员", "29:li-na", "李娜"))).AllText();
        Assert.Contains("已将 李娜 设为本群管理员(由 王小明 设置)", added);
        Assert.Equal(["msteams:user-1", "msteams:29:li-na"], WorkspaceOf(host, Group).Admins);
        Assert.Contains("李娜 已经是管理员", (await host.SendAsync(MentioningPerson("add admin", "29:li-na", "李娜"))).AllText());

        var refused = (await host.SendAsync(MentioningPerson("add admin", "29:zhang-wei", "张伟", user: "user-3", locale: "en-US"))).AllText();
        Assert.Contains("Only an admin can add admins.", refused);
        Assert.Equal(2, WorkspaceOf(host, Group).Admins.Count);

        var audit = AuditOf(host, Group);
        Assert.Equal(["workspace.admin.claim", "workspace.admin.add"], audit.Select(a => a.Action));
        Assert.Equal("msteams:29:li-na (李娜)", audit[1].Details);
    }

    [Fact]
    public async Task An_admin_removes_an_admin_but_the_last_admin_cannot_remove_themself()
    {
        using var host = NewHost();
        await host.SendAsync(Activities.GroupMention("设为管理员"));
        var alone = (await host.SendAsync(Activities.GroupMention("取消管理员"))).AllText();
        Assert.Contains("您是本群唯一的管理员,不能取消自己", alone);
        Assert.Equal(["msteams:user-1"], WorkspaceOf(host, Group).Admins);

        await host.SendAsync(MentioningPerson("设为管理员", "user-2", "李娜"));
        Assert.Contains("Only an admin can remove admins.", (await host.SendAsync(MentioningPerson("remove admin", "user-1", "王小明", user: "user-3", locale: "en-US"))).AllText());

        var removed = (await host.SendAsync(MentioningPerson("取消管理员", "user-2", "李娜"))).AllText();
        Assert.Contains("已取消 李娜 的管理员身份(由 王小明 操作)", removed);
        Assert.Equal(["msteams:user-1"], WorkspaceOf(host, Group).Admins);
        Assert.Contains("李娜 不是管理员", (await host.SendAsync(MentioningPerson("取消管理员", "user-2", "李娜"))).AllText());

        // With another admin named, the first one may step down.
        await host.SendAsync(MentioningPerson("设为管理员", "user-2", "李娜"));
        Assert.Contains("王小明 已不再是本群管理员", (await host.SendAsync(Activities.GroupMention("取消管理员 我"))).AllText());
        Assert.Equal(["msteams:user-2"], WorkspaceOf(host, Group).Admins);
        Assert.Equal(["workspace.admin.claim", "workspace.admin.add", "workspace.admin.remove", "workspace.admin.add", "workspace.admin.remove"],
            AuditOf(host, Group).Select(a => a.Action));
    }

    [Fact]
    public async Task In_a_personal_chat_the_commands_explain_that_admins_belong_to_a_group()
    {
        using var host = NewHost();
        var zh = (await host.SendAsync(Activities.Message("设为管理员"))).AllText();
        Assert.Contains("管理员是按群设置的", zh);
        var en = (await host.SendAsync(Activities.Message("admins", locale: "en-US"))).AllText();
        Assert.Contains("Admins belong to a group", en);
        Assert.All(host.Service<WorkspaceStore>().All(), w => Assert.Empty(w.Admins));
    }

    [Fact]
    public async Task In_web_chat_a_typed_name_finds_the_member_and_two_who_match_are_offered_as_a_choice()
    {
        using var host = NewHost();
        Activity Web(string text, string user, string name, string locale = "zh-CN") =>
            Activities.Message(text, user, "page-" + user, "webchat", "personal", locale, userName: name);
        await host.SendWebChatAsync(Web("帮助", "web-b", "王小红"));
        await host.SendWebChatAsync(Web("帮助", "web-c", "王小兰"));
        Assert.Contains("王小明 已成为本群第一位管理员", (await host.SendWebChatAsync(Web("设为管理员", "web-a", "王小明"))).AllText());

        // "王小" matches two members: a card with one button each.
        var choice = Assert.Single(await host.SendWebChatAsync(Web("设为管理员 @王小", "web-a", "王小明")));
        Assert.Contains("有 3 位成员的名字含“王小”", choice.AllText());
        var buttons = choice.Card()!.Value.GetProperty("actions").EnumerateArray().ToList();
        var lan = buttons.Single(b => b.GetProperty("title").GetString()!.StartsWith("王小兰", StringComparison.Ordinal)).GetProperty("data");
        Assert.Equal("admins.add", lan.GetProperty("verb").GetString());

        var click = Web("", "web-a", "王小明");
        click.Text = null;
        click.Value = System.Text.Json.JsonSerializer.SerializeToElement(lan);
        Assert.Contains("已将 王小兰 设为本群管理员", (await host.SendWebChatAsync(click)).AllText());

        // The full name needs no choice.
        Assert.Contains("已将 王小红 设为本群管理员", (await host.SendWebChatAsync(Web("设为管理员 王小红", "web-a", "王小明"))).AllText());
        Assert.Contains("No member named \"赵六\" found", (await host.SendWebChatAsync(Web("add admin 赵六", "web-a", "王小明", "en-US"))).AllText());
        Assert.Equal(["webchat:web-a", "webchat:web-c", "webchat:web-b"], WorkspaceOf(host, Local).Admins);
    }
}
