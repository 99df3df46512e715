using System.Buffers.Binary;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Features.Charts;
using ChatBot.Cards;
using ChatBot.Storage.Mediation;
using ChatBot.Storage.PlanTasks;
using ChatBot.Tests.Infrastructure;
using ChatBot.Tests.Mediation;
using ChatBot.Tests.PlanTasks;
using Microsoft.Extensions.Options;

namespace ChatBot.Tests.Charts;

/// <summary>The stats cards' chart images: drawn with Chinese labels, served at /charts/{token}.png for a day, never a 500.</summary>
public class ChartTests
{
    /// <summary>Where the test leaves the PNGs for a person to look at.</summary>
    public static readonly string LookFolder = Path.Combine(Path.GetTempPath(), "chatbot-charts");

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static (int Width, int Height) PngSize(byte[] png) =>
        (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));

    private static IEnumerable<string> ChartUrls(IEnumerable<Activity> replies) =>
        replies.SelectMany(a => a.Attachments ?? []).Select(a => JsonSerializer.Serialize(a.Content))
            .SelectMany(json => Regex.Matches(json, "\"url\":\"([^\"]+/charts/[^\"]+)\"").Select(m => m.Groups[1].Value));

    [Fact]
    public void The_renderer_draws_a_png_with_the_cjk_font()
    {
        var renderer = new ChartRenderer(Options.Create(new ChartOptions()));
        Assert.Equal("Noto Sans CJK SC", renderer.FontFamily);
        var report = MediationReport.Compute(MediationStatsTests.Fixture(), new(2026, 1, 1), new(2026, 12, 31));
        Directory.CreateDirectory(LookFolder);
        foreach (var (name, chart) in new[]
        {
            ("mediation-by-month", StatsCharts.MediationByMonth(Lang.Zh, report)),
            ("mediation-by-type", StatsCharts.MediationByType(Lang.Zh, report)),
            ("tasks-by-light", StatsCharts.TasksByLight(Lang.Zh, SupervisionFixture.Tasks().Where(t => t.PlanYear == 2026), SupervisionFixture.Today, 3)),
            ("on-time-by-department", StatsCharts.OnTimeByDepartment(Lang.Zh, SupervisionReport.Compute(SupervisionFixture.Tasks(), 2026, null, SupervisionFixture.Today, SupervisionFixture.Shanghai))),
            ("tasks-by-light-en", StatsCharts.TasksByLight(Lang.En, SupervisionFixture.Tasks().Where(t => t.PlanYear == 2026), SupervisionFixture.Today, 3)),
        })
        {
            var png = renderer.RenderPng(chart);
            Assert.Equal(PngSignature, png[..8]);
            Assert.Equal(640, PngSize(png).Width);
            Assert.InRange(PngSize(png).Height, 240, 800);
            Assert.InRange(png.Length, 5_000, 400_000);
            File.WriteAllBytes(Path.Combine(LookFolder, name + ".png"), png);
        }
    }

    [Fact]
    public void The_charts_carry_the_stats_figures()
    {
        var report = MediationReport.Compute(MediationStatsTests.Fixture(), new(2026, 1, 1), new(2026, 12, 31));
        var byMonth = StatsCharts.MediationByMonth(Lang.Zh, report);
        // Fixture: January 3 cases, February 3, March 4; the other nine months none.
        Assert.Equal(12, byMonth.Bars.Count);
        Assert.Equal([3d, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0], byMonth.Bars.Select(b => b.Value));
        Assert.Equal("1月", byMonth.Bars[0].Label);
        var byType = StatsCharts.MediationByType(Lang.Zh, report);
        Assert.Equal(("邻里", 4d), (byType.Bars[0].Label, byType.Bars[0].Value));

        // SupervisionFixture on 2026-03-10 (yellow window 3 days): C and F overdue; D and H not due (on track); A, B, E finished; G cancelled.
        var lights = StatsCharts.TasksByLight(Lang.Zh, SupervisionFixture.Tasks().Where(t => t.PlanYear == 2026), SupervisionFixture.Today, 3);
        Assert.Equal([("逾期", 2d), ("临期", 0), ("正常", 2), ("已办结", 3)], lights.Bars.Select(b => (b.Label, b.Value)));
        Assert.Equal("任务红黄绿灯(项): 逾期 2, 临期 0, 正常 2, 已办结 3", lights.AltText);
    }

    [Fact]
    public async Task The_supervision_card_shows_charts_served_for_a_day_and_keeps_the_figures_in_text()
    {
        using var host = new BotHost(settings: new() { ["Reminders:Enabled"] = "false" });
        host.Service<PlanTaskStore>().BulkInsert(SupervisionFixture.Tasks());
        var reply = await host.SendAsync(Activities.GroupMention("督办统计 2026"));
        Assert.Contains("共7项:按时办结2项,逾期办结1项,当前逾期2项", reply.AllText());
        var card = JsonSerializer.Serialize(reply.SelectMany(a => a.Attachments ?? []).First().Content);
        Assert.Contains("\"type\":\"Image\"", card);
        Assert.Contains("逾期 2, 临期 0, 正常 2, 已办结 3", Regex.Unescape(card)); // the alt text: the figures for screen readers

        var urls = ChartUrls(reply).ToList();
        Assert.Equal(2, urls.Count); // by traffic light, by department
        var client = host.CreateClient();
        foreach (var url in urls)
        {
            // Nothing but a random token in the address: no workspace, user or figure.
            Assert.Matches(new Regex(@"^http://localhost/charts/[A-Za-z0-9_-]{43}\.png$"), url);
            var response = await client.GetAsync(new Uri(url).PathAndQuery);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
            var png = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(PngSignature, png[..8]);
            Assert.Equal(640, PngSize(png).Width);
        }

        // Asked again, the same charts keep their links (drawn once, the same card).
        Assert.Equal(urls, ChartUrls(await host.SendAsync(Activities.GroupMention("督办统计 2026"))));

        host.Clock.Advance(TimeSpan.FromHours(13));
        var later = ChartUrls(await host.SendAsync(Activities.GroupMention("督办统计 2026"))).ToList();
        Assert.NotEqual(urls[0], later[0]); // less than half a day left on the first: a new link
        host.Clock.Advance(TimeSpan.FromHours(10));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync(new Uri(urls[0]).PathAndQuery)).StatusCode);
        host.Clock.Advance(TimeSpan.FromHours(1)); // 24 hours after: expired
        var expired = await client.GetAsync(new Uri(urls[0]).PathAndQuery);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, expired.StatusCode);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync());

        var unknown = await client.GetAsync("/charts/" + new string('A', 43) + ".png");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("unknown", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync("/charts/nothing")).StatusCode);
    }

    [Fact]
    public async Task The_mediation_and_study_cards_carry_charts_without_party_data()
    {
        using var host = new BotHost();
        var store = host.Service<MediationStore>();
        var i = 0;
        foreach (var c in MediationStatsTests.Fixture())
        {
            c.WorkspaceId = "local:office";
            c.Parties = [new("欧阳明月", "13812345678")];
            store.Create(c, "f" + ++i, new("webchat:u", "u"), host.Clock.GetUtcNow());
        }
        var replies = await host.SendWebChatAsync(Activities.Message("调解统计", "u", "wc-1", "webchat"));
        var text = replies.AllText();
        Assert.Contains("受理10起,调解7起,调解成功5起,成功率71.4%", text);
        var card = Regex.Unescape(JsonSerializer.Serialize(replies.SelectMany(a => a.Attachments ?? []).First().Content));
        Assert.Contains("每月受理纠纷(起): 1月 3, 2月 3, 3月 4", card);
        Assert.DoesNotContain("欧阳明月", card);
        Assert.DoesNotContain("13812345678", card);
        var urls = ChartUrls(replies).ToList();
        Assert.Equal(2, urls.Count);
        Assert.All(urls, u => Assert.DoesNotContain("office", u));
        var response = await host.CreateClient().GetAsync(new Uri(urls[0]).PathAndQuery);
        Assert.Equal(PngSignature, (await response.Content.ReadAsByteArrayAsync())[..8]);
    }

    [Fact]
    public async Task Stats_without_figures_send_no_chart()
    {
        using var host = new BotHost();
        var replies = await host.SendWebChatAsync(Activities.Message("调解统计", "u", "wc-1", "webchat"));
        Assert.Contains("受理0起", replies.AllText());
        Assert.Empty(ChartUrls(replies));
    }
}
