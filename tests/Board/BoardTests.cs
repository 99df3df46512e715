using System.Net;
using System.Text.RegularExpressions;
using ChatBot.Storage.Board;
using ChatBot.Storage.Mediation;
using ChatBot.Storage.PlanTasks;
using ChatBot.Tests.Infrastructure;
using ChatBot.Tests.Mediation;
using ChatBot.Tests.PlanTasks;

namespace ChatBot.Tests.Board;

/// <summary>
/// 公开看板 / 关闭看板 and the board page: the figures of <see cref="SupervisionFixture"/> (7 tasks of 2026: done 3, on time 2,
/// overdue 2 on 2026-03-10) and of <see cref="MediationStatsTests.Fixture"/> (10 cases received in 2026, 5 settled, 71.4%).
/// </summary>
public class BoardTests
{
    public const string PartyName = "欧阳明月";
    public const string PartyPhone = "13812345678";

    private static readonly Regex BoardUrl = new(@"http://localhost/board/([A-Za-z0-9_-]{43})");

    /// <summary>A group with the supervision fixture's tasks (in sections) and the mediation fixture's cases, parties named.</summary>
    public static BotHost Seeded(Dictionary<string, string?>? settings = null, string workspaceId = SupervisionFixture.Ws, BotHost? host = null)
    {
        host ??= new BotHost(settings: new(settings ?? []) { ["Reminders:Enabled"] = "false" });
        var tasks = SupervisionFixture.Tasks();
        foreach (var t in tasks)
        {
            t.WorkspaceId = workspaceId;
            t.Section = t.Department == "司法所" ? "一、推进法治政府建设" : "二、严格规范公正文明执法";
        }
        host.Service<PlanTaskStore>().BulkInsert(tasks);
        var store = host.Service<MediationStore>();
        var i = 0;
        foreach (var c in MediationStatsTests.Fixture())
        {
            c.WorkspaceId = workspaceId;
            c.Parties = [new(PartyName, PartyPhone)];
            store.Create(c, "board-" + ++i, new("msteams:user-1", "用户一"), host.Clock.GetUtcNow());
        }
        return host;
    }

    private static async Task<string> BoardLinkAsync(BotHost host, string user = "user-1")
    {
        var text = (await host.SendAsync(Activities.GroupMention("公开看板", user))).AllText();
        return BoardUrl.Match(text) is { Success: true } m ? m.Value : throw new Xunit.Sdk.XunitException("No board link in: " + text);
    }

    [Fact]
    public async Task The_board_shows_the_stats_figures_by_section_without_personal_data()
    {
        using var host = Seeded();
        var url = await BoardLinkAsync(host);
        var response = await host.CreateClient().GetAsync(new Uri(url).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("2026年度重点工作推进情况", html);
        Assert.Contains("一、推进法治政府建设", html);
        Assert.Contains("村规民约合法性审查", html);
        Assert.Matches(new Regex(@"tile-tasks.*?>7<.*tile-done.*?>3<.*tile-ontime.*?>2<.*tile-overdue.*?>2<", RegexOptions.Singleline), html);
        Assert.Matches(new Regex(@"tile-cases.*?>10<.*调解成功5起,成功率71.4%", RegexOptions.Singleline), html);
        Assert.Contains("<span class=\"light red\">逾期</span>", html);
        Assert.Contains("数据更新于 2026年3月10日", html); // the cases were saved on the host's day
        Assert.Contains("http-equiv=\"refresh\" content=\"300\"", html);
        Assert.DoesNotContain(PartyName, html);
        Assert.DoesNotContain(PartyPhone, html);
        Assert.DoesNotContain("李四", html); // owners by department only
        Assert.DoesNotContain("<script>", html); // nothing inline: the CSP allows scripts from the bot only
    }

    [Fact]
    public async Task A_setting_shows_owner_names_and_the_page_has_an_english_variant()
    {
        using var host = Seeded(new() { ["Board:ShowsOwners"] = "true" });
        var url = await BoardLinkAsync(host);
        var zh = await host.CreateClient().GetStringAsync(new Uri(url).PathAndQuery);
        Assert.Contains("司法所(李四、王五)", zh);
        var en = await host.CreateClient().GetStringAsync(new Uri(url).PathAndQuery + "?lang=en");
        Assert.Contains("Key work progress 2026", en);
        Assert.Contains("<span class=\"light red\">Overdue</span>", en);
        Assert.Contains("5 settled, success rate 71.4%", en);
    }

    [Fact]
    public async Task The_same_link_until_closed_then_the_old_one_is_a_404_and_a_new_one_is_issued()
    {
        using var host = Seeded();
        var client = host.CreateClient();
        var first = await BoardLinkAsync(host);
        Assert.Equal(first, await BoardLinkAsync(host));

        var closed = (await host.SendAsync(Activities.GroupMention("关闭看板"))).AllText();
        Assert.Contains("看板链接已关闭", closed);
        var old = await client.GetAsync(new Uri(first).PathAndQuery);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        var page = await old.Content.ReadAsStringAsync();
        Assert.Contains("此看板链接已关闭或不存在", page);
        Assert.DoesNotContain("村规民约", page);
        Assert.Contains("目前没有公开的看板", (await host.SendAsync(Activities.GroupMention("关闭看板"))).AllText());

        var second = await BoardLinkAsync(host);
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(second).PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(first).PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/board/" + new string('x', 43))).StatusCode);
        Assert.Single(host.Service<BoardStore>().Find(BoardUrl.Match(second).Groups[1].Value) is { IsLive: true } l ? [l] : Array.Empty<BoardLink>());
    }

    [Fact]
    public async Task Only_admins_publish_or_close_the_board()
    {
        using var host = Seeded();
        var url = await BoardLinkAsync(host, "user-1"); // no admins named yet: every member may
        host.Service<ChatBot.Storage.Conversations.WorkspaceStore>().SetAdmins(SupervisionFixture.Ws, ["msteams:user-1"],
            new() { Action = "test", UserKey = "msteams:user-1", AtUtc = host.Clock.GetUtcNow() });
        Assert.Equal(url, await BoardLinkAsync(host, "user-1"));
        var refused = (await host.SendAsync(Activities.GroupMention("公开看板", "user-2"))).AllText();
        Assert.Contains("只有本群的管理员可以公开看板", refused);
        Assert.DoesNotContain("/board/", refused);
        Assert.Contains("只有本群的管理员可以关闭看板", (await host.SendAsync(Activities.GroupMention("关闭看板", "user-2"))).AllText());
        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient().GetAsync(new Uri(url).PathAndQuery)).StatusCode);
    }
}
