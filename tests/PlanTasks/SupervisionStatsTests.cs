using System.Text.RegularExpressions;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Storage.PlanTasks;
using ChatBot.Tests.Infrastructure;
using ChatBot.Tests.Mediation;
using static ChatBot.Tests.PlanTasks.SupervisionFixture;

namespace ChatBot.Tests.PlanTasks;

/// <summary>督办统计: the figures of <see cref="SupervisionFixture"/>, worked out by hand there.</summary>
public class SupervisionStatsTests
{
    private static Activity Say(string text, string locale = "zh-CN") => Activities.GroupMention(text, conversation: "19:group-1@thread.v2", locale: locale);

    private static BotHost Host()
    {
        var host = new BotHost(settings: new() { ["Reminders:Enabled"] = "false" }); // 2026-03-10 09:00 Shanghai
        host.Service<PlanTaskStore>().BulkInsert(Tasks());
        return host;
    }

    [Fact]
    public void Departments_and_owners_are_counted_and_ranked_by_on_time_rate()
    {
        var r = SupervisionReport.Compute(Tasks(), 2026, null, Today, Shanghai);
        Assert.Equal(["综合执法办", "司法所", "派出所"], r.ByDepartment.Select(x => x.Name));
        Assert.Equal(new SupervisionFigures("司法所", 4, 1, 1, 1, 1, 3, 1.0, 3), r.ByDepartment[1]);
        Assert.Equal(new SupervisionFigures("综合执法办", 2, 1, 0, 1, 0, 0, null, 2), r.ByDepartment[0]);
        Assert.Equal(new SupervisionFigures("派出所", 1, 0, 0, 0, 0, 0, null, 0), r.ByDepartment[2]);
        Assert.Null(r.ByDepartment[2].OnTimeRate);
        Assert.Equal(1.0 / 3, r.ByDepartment[1].OnTimeRate!.Value, 6);

        Assert.Equal(["张三", "李四", "王五", SupervisionReport.Unassigned], r.ByOwner.Select(x => x.Name));
        Assert.Equal(new SupervisionFigures("王五", 2, 0, 0, 1, 1, 2, 0.5, 1), r.ByOwner[2]);
        Assert.Equal(0, r.ByOwner[2].OnTimeRate);
        Assert.Equal(new SupervisionFigures("合计", 7, 2, 1, 2, 1, 3, 1.0, 5), r.Total);
        Assert.Equal(0.4, r.Total.OnTimeRate);

        var justice = SupervisionReport.Compute(Tasks(), 2026, "司法", Today, Shanghai);
        Assert.Equal(["司法所"], justice.ByDepartment.Select(x => x.Name));
        Assert.Equal(["李四", "王五"], justice.ByOwner.Select(x => x.Name));
        Assert.Equal(1, SupervisionReport.Compute(Tasks(), 2025, null, Today, Shanghai).Total.Tasks);
    }

    [Fact]
    public async Task The_command_shows_the_ranked_card_and_offers_the_excel()
    {
        using var host = Host();
        var reply = await host.SendAsync(Say("督办统计 2026"));
        var text = reply.AllText();
        Assert.Contains("2026年督办统计", text);
        Assert.Contains("共7项:按时办结2项,逾期办结1项,当前逾期2项;延期1次,催办3次,平均1.0天响应;按时办结率40%。", text);
        Assert.Matches(new Regex(@"1\. 综合执法办.*2.*1/0.*1.*0/0.*—.*50%", RegexOptions.Singleline), text);
        Assert.Matches(new Regex(@"2\. 司法所.*4.*1/1.*1.*1/3.*1\.0.*33\.3%", RegexOptions.Singleline), text);
        Assert.Contains("3. 派出所", text);
        Assert.Contains("3. 王五", text);
        Assert.Contains("4. (未指定)", text);
        Assert.Contains("下载 Excel(考核用)", text);

        var url = reply.SelectMany(a => a.Attachments ?? []).Select(a => System.Text.Json.JsonSerializer.Serialize(a.Content))
            .Select(json => Regex.Match(json, "\"url\":\"([^\"]+/files/[^\"]+)\"")).First(m => m.Success).Groups[1].Value;
        var response = await host.CreateClient().GetAsync(new Uri(url).PathAndQuery);
        Assert.True(response.IsSuccessStatusCode);
        var xlsx = await response.Content.ReadAsByteArrayAsync();
        var sheet = LedgerFile.Part(xlsx, "xl/worksheets/sheet1.xml").ToString();
        Assert.Contains("司法所", sheet);
        Assert.Contains("33.3%", sheet);
        Assert.Contains("paperSize=\"9\" orientation=\"landscape\"", sheet);
    }

    [Fact]
    public async Task A_department_filter_an_english_reader_and_a_bad_year()
    {
        using var host = Host();
        var justice = (await host.SendAsync(Say("督办统计 2026 司法所"))).AllText();
        Assert.Contains("2026年督办统计(司法所)", justice);
        Assert.Contains("共4项:按时办结1项,逾期办结1项,当前逾期1项", justice);
        Assert.DoesNotContain("综合执法办", justice);

        var en = (await host.SendAsync(Say("supervision stats 2026", "en-US"))).AllText();
        Assert.Contains("Supervision statistics 2026", en);
        Assert.Contains("7 tasks: 2 done on time, 1 done late, 2 overdue now; 1 extensions, 3 chases, answered in 1.0 days on average; on-time rate 40%.", en);
        Assert.Contains("(unassigned)", en);

        Assert.Contains("年份应在 2000–2100 之间", (await host.SendAsync(Say("督办统计 1999"))).AllText());
        Assert.Contains("2027年没有督办任务", (await host.SendAsync(Say("督办统计 2027"))).AllText());
        Assert.Contains("没有牵头单位含“财政所”的任务", (await host.SendAsync(Say("督办统计 财政所"))).AllText());
    }

    [Fact]
    public void The_excel_is_laid_out_for_printing()
    {
        var r = SupervisionReport.Compute(Tasks(), 2026, null, Today, Shanghai);
        var xlsx = ChatBot.Bot.Features.PlanTasks.SupervisionWorkbook.Build(ChatBot.Cards.Lang.Zh, r, "2026年督办统计", Today);
        var dir = Path.Combine(Path.GetTempPath(), "chatbot-tests", "supervision-" + Guid.NewGuid().ToString("N"));
        var pages = LedgerFile.RenderPages(xlsx, dir);
        Assert.Single(pages); // 3 departments and 4 owners fit one A4 landscape page
        var sheet = LedgerFile.Part(xlsx, "xl/worksheets/sheet1.xml");
        var rows = sheet.Descendants(LedgerFile.Main + "row").ToList();
        Assert.Equal(3 + 3 + 4, rows.Count); // title, subtitle, header, 3 departments, 4 owners
        Assert.Equal(["牵头单位", "综合执法办", "—", "50%"], rows[3].Descendants(LedgerFile.Main + "t").Select(t => t.Value));
        Assert.Equal(["1", "2", "1", "0", "1", "0", "0"], rows[3].Descendants(LedgerFile.Main + "v").Select(v => v.Value)); // rank, tasks … chases
        Assert.Equal(["责任人", "王五", "0.5", "0%"], rows[8].Descendants(LedgerFile.Main + "t").Select(t => t.Value));
        File.Copy(pages[0], Path.Combine(Path.GetTempPath(), "chatbot-tests", "supervision-stats-page1.png"), overwrite: true);
    }
}
