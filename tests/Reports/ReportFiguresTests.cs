using System.Globalization;
using System.Text.RegularExpressions;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Features.Reports;
using ChatBot.Cards;
using ChatBot.Cards.Mediation;
using ChatBot.Cards.Study;
using ChatBot.Storage.Mediation;
using ChatBot.Storage.PlanTasks;
using ChatBot.Tests.Infrastructure;
using ChatBot.Tests.Mediation;
using ChatBot.Tests.PlanTasks;
using ChatBot.Tests.Study;

namespace ChatBot.Tests.Reports;

/// <summary>Every figure of the report is the figure the stats commands give for the same period.</summary>
public class ReportFiguresTests
{
    private const string GroupName = "城关镇依法行政工作群";

    private static Activity InGroup(string text)
    {
        var a = Activities.GroupMention(text);
        a.Conversation!.Name = GroupName;
        return a;
    }

    private static Activity Personal(string text) => Activities.Message(text, "user-1", "personal-1");

    /// <summary>Asks for the report in a personal chat and downloads the .docx from the link.</summary>
    internal static async Task<(string Reply, byte[] Docx)> ReportAsync(BotHost host, string command)
    {
        var replies = await host.SendAsync(Personal(command));
        var reply = replies.AllText();
        var url = Regex.Match(reply, @"http://localhost/files/[A-Za-z0-9_-]{40,}");
        Assert.True(url.Success, "no download link in:\n" + reply);
        var response = await host.CreateClient().GetAsync(new Uri(url.Value).PathAndQuery);
        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(ReportDocument.ContentType, response.Content.Headers.ContentType?.MediaType);
        return (reply, await response.Content.ReadAsByteArrayAsync());
    }

    private static async Task<string> StatsAsync(BotHost host, string command) => ReportFile.HalfWidth((await host.SendAsync(InGroup(command))).AllText());

    /// <summary>The rows of the stats cards' tables (ColumnSets), each as the texts of its columns.</summary>
    private static List<string[]> CardRows(IEnumerable<Activity> replies)
    {
        var rows = new List<string[]>();
        void Walk(System.Text.Json.JsonElement e)
        {
            if (e.ValueKind == System.Text.Json.JsonValueKind.Object)
            {
                if (e.TryGetProperty("type", out var type) && type.GetString() == "ColumnSet" && e.TryGetProperty("columns", out var columns))
                    rows.Add(columns.EnumerateArray().Select(c => string.Concat(c.GetProperty("items").EnumerateArray()
                        .Select(i => i.TryGetProperty("text", out var t) ? t.GetString() : ""))).ToArray());
                foreach (var p in e.EnumerateObject()) Walk(p.Value);
            }
            else if (e.ValueKind == System.Text.Json.JsonValueKind.Array)
                foreach (var i in e.EnumerateArray()) Walk(i);
        }
        foreach (var r in replies) if (r.Card() is { } card) Walk(card);
        return rows;
    }

    [Fact]
    public async Task A_generated_year_reports_exactly_the_stats_commands_figures()
    {
        // 2026-12-20 10:00 in Shanghai: December's session (the 15th) is held, next January's is not.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 20, 2, 0, 0, TimeSpan.Zero));
        using var host = new BotHost(settings: new() { ["Reminders:Enabled"] = "false" }, clock: clock);
        var today = new DateOnly(2026, 12, 20);
        ReportDataset.Seed(host, cases: 300, tasks: 100, today);

        var mediationReplies = await host.SendAsync(InGroup("调解统计 2026"));
        var mediation = ReportFile.HalfWidth(mediationReplies.AllText());
        var typeRows = CardRows(mediationReplies);
        var study = await StatsAsync(host, "学法统计 2026");
        var exams = await StatsAsync(host, "考试统计 2026");
        var hours = await StatsAsync(host, "学时统计 2026");
        var supervision = await StatsAsync(host, "督办统计 2026");
        var (reply, docx) = await ReportAsync(host, "年度报告 2026");
        Assert.Contains($"“{GroupName}”2026年度法治政府建设情况报告(草稿)已生成", reply);
        var report = ReportFile.Text(docx);

        // 人民调解: the headline, major / collective, open / referred, and each dispute type.
        var m = ReportFile.One(mediation, @"受理(\d+)起,调解(\d+)起,调解成功(\d+)起,成功率([^;]+);口头协议(\d+)起,书面协议(\d+)起。");
        var r = ReportFile.One(report, @"共受理矛盾纠纷(\d+)起,调解(\d+)起,调解成功(\d+)起,成功率([^;]+);其中达成口头协议(\d+)起、书面协议(\d+)起。");
        for (var g = 1; g <= 6; g++) Assert.Equal(m[g].Value, r[g].Value);
        Assert.Equal("300", r[1].Value);
        var mc = ReportFile.One(mediation, @"重大疑难 / 群体性 (\d+) / (\d+)");
        var rc = ReportFile.One(report, @"重大疑难纠纷(\d+)起,群体性纠纷(\d+)起");
        Assert.Equal((mc[1].Value, mc[2].Value), (rc[1].Value, rc[2].Value));
        var open = ReportFile.One(mediation, @"未结\(受理/调解中\) (\d+)");
        var referred = ReportFile.One(mediation, @"已移交 (\d+)");
        var ro = ReportFile.One(report, @"仍在调解中(\d+)起,移交其他部门处理(\d+)起");
        Assert.Equal((open[1].Value, referred[1].Value), (ro[1].Value, ro[2].Value));
        var zh = new Lang(true);
        var types = 0;
        foreach (var type in Enum.GetValues<DisputeType>())
        {
            var label = zh.Of(type);
            var stat = typeRows.FirstOrDefault(row => row[0] == label); // the type table comes first: no village or month has a type's name
            var line = Regex.Match(report, $@"[:、]{Regex.Escape(label)}纠纷(\d+)起");
            Assert.Equal(stat is not null, line.Success);
            if (stat is null) continue;
            Assert.Equal(stat[1], line.Groups[1].Value);
            types++;
        }
        Assert.True(types >= 10, $"only {types} dispute types were compared");
        // Follow-ups and 司法确认 are in no stats reply: counted here from the records.
        var cases = host.Service<MediationStore>().All(ReportDataset.Ws).Where(c => c.Year == 2026).ToList();
        Assert.Contains($"开展回访{cases.Sum(c => c.FollowUps.Count)}次,涉及{cases.Count(c => c.FollowUps.Count > 0)}起案件;调解协议经人民法院司法确认{cases.Count(c => c.CourtConfirmedOn is not null)}起", report);

        // 学法: held, attendances and rate; by format and by law.
        var s = ReportFile.One(study, @"2026年共组织学法活动(\d+)次,参学(\d+)人次,平均出勤率(\d+%)。");
        var rs = ReportFile.One(report, @"2026年共组织学法活动(\d+)次,其中(.+?);学习内容涉及(.+?)。参学(\d+)人次,涉及(\d+)人,平均出勤率(\d+%)。");
        Assert.Equal((s[1].Value, s[2].Value, s[3].Value), (rs[1].Value, rs[4].Value, rs[6].Value));
        Assert.Equal("12", rs[1].Value);
        foreach (var (zhName, _) in StudyText.Formats.Select(f => (f.Zh, f.Format)))
        {
            var stat = Regex.Match(study, $@" {Regex.Escape(zhName)} (\d+)次");
            var line = Regex.Match(rs[2].Value, $@"{Regex.Escape(zhName)}(\d+)次");
            Assert.True(stat.Success == line.Success, $"{zhName}: {rs[2].Value}\n{study}");
            if (stat.Success) Assert.Equal(stat.Groups[1].Value, line.Groups[1].Value);
        }
        foreach (var law in ReportDataset.Laws)
            Assert.Equal(ReportFile.One(study, $@" {law} (\d+)次")[1].Value, ReportFile.One(rs[3].Value, $@"《{law}》(\d+)次")[1].Value);

        // 考试: exams, sittings, passed, pass rate (and the average, from the scores that count).
        var e = ReportFile.One(exams, @"全年:参考(\d+)人次,合格(\d+)人次,合格率([^;]+);");
        var re = ReportFile.One(report, @"组织学法考试(\d+)场,参考(\d+)人次,合格(\d+)人次,合格率([^,]+),平均成绩([\d.]+)分。");
        Assert.Equal((Regex.Matches(exams, @"参考\d+人,缺考").Count.ToString(), e[1].Value, e[2].Value, e[3].Value), (re[1].Value, re[2].Value, re[3].Value, re[4].Value));
        Assert.Equal("3", re[1].Value);

        // 学时: the total of everyone's hours, who has any, the target and who is below it.
        var people = Regex.Matches(hours, @"\n- [^:\n]+:([\d.]+)学时").Select(x => double.Parse(x.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        var below = Regex.Match(hours, @"未达标 (\d+) 人");
        var target = ReportFile.One(hours, @"年度目标 ([\d.]+) 学时");
        var rh = ReportFile.One(report, @"累计学时([\d.]+)学时,(\d+)人有学时记录;年度学时目标([\d.]+)学时,未达标(\d+)人。");
        Assert.Equal(Math.Round(people.Sum(), 2), double.Parse(rh[1].Value, CultureInfo.InvariantCulture), 2);
        Assert.Equal(people.Count(h => h > 0).ToString(), rh[2].Value);
        Assert.Equal(target[1].Value, rh[3].Value);
        Assert.Equal(below.Success ? below.Groups[1].Value : "0", rh[4].Value);

        // 督查督办: tasks, done on time, late, overdue, extensions, chases, on-time rate.
        var t = ReportFile.One(supervision, @"共(\d+)项:按时办结(\d+)项,逾期办结(\d+)项,当前逾期(\d+)项;延期(\d+)次,催办(\d+)次(?:,平均[\d.]+天响应)?;按时办结率([^。]+)。");
        var rt = ReportFile.One(report, @"重点工作任务共(\d+)项,已办结(\d+)项,其中按时办结(\d+)项、逾期办结(\d+)项;截至2026年12月20日逾期未办结(\d+)项。批准延期(\d+)次,催办(\d+)次,按时办结率([^。]+)。");
        Assert.Equal((t[1].Value, t[2].Value, t[3].Value, t[4].Value, t[5].Value, t[6].Value, t[7].Value),
            (rt[1].Value, rt[3].Value, rt[4].Value, rt[5].Value, rt[6].Value, rt[7].Value, rt[8].Value));
        Assert.Equal(int.Parse(t[2].Value) + int.Parse(t[3].Value), int.Parse(rt[2].Value));
        // By section: the sections add up to the total.
        var sections = Regex.Matches(report, @"(?:依法全面履行政府职能|严格规范公正文明执法|预防调处化解社会矛盾纠纷)(\d+)项,已办结(\d+)项\(按时(\d+)项\),逾期未办结(\d+)项,延期(\d+)次");
        Assert.Equal(3, sections.Count);
        Assert.Equal(int.Parse(t[1].Value), sections.Sum(x => int.Parse(x.Groups[1].Value)));
        Assert.Equal(int.Parse(t[2].Value), sections.Sum(x => int.Parse(x.Groups[3].Value)));
        Assert.Equal(int.Parse(t[4].Value), sections.Sum(x => int.Parse(x.Groups[4].Value)));
        Assert.Equal(int.Parse(t[5].Value), sections.Sum(x => int.Parse(x.Groups[5].Value)));

        // The appendix lists every record behind the figures: each 2026 case, each held session, each counted task.
        foreach (var c in cases) Assert.Contains("\n" + c.CaseNo + "\n", report);
        Assert.DoesNotContain("\n2025-001\n", report);
        Assert.Contains($"表1 人民调解案件(300起)", report);
        Assert.Contains($"表2 学法活动(12次)", report);
        Assert.Contains($"表3 学法考试(3场)", report);
        Assert.Contains($"表4 督办任务({t[1].Value}项)", report);
        var counted = host.Service<PlanTaskStore>().All(ReportDataset.Ws).Where(x => x.PlanYear == 2026 && x.Status != PlanTaskStatus.Cancelled).ToList();
        foreach (var task in counted) Assert.Contains($"\n#{task.Id}\n", report);

        // 二、problems from the data; 四、next year's imported plan and study; the rest are placeholders.
        Assert.Matches(new Regex(@"截至2026年12月20日,有(\d+)项督办任务超过办理期限仍未办结"), report);
        Assert.Contains("有1次学法活动出勤率低于80%,如2026年6月15日“6月学法”", report);
        Assert.Matches(new Regex(@"有\d+起纠纷超过调解期限仍未结案\(案号2026-\d{3}"), report);
        Assert.Contains("根据已导入的2027年法治政府建设工作计划(共8项),2027年重点推进以下工作:", report);
        Assert.Matches(new Regex(@"\(一\)依法全面履行政府职能\n1\.依法任务\d+\(牵头单位:[^,]+,完成时限:2027年\d+月\d+日\)。\n2\."), report);
        Assert.Contains("【待补充:落款单位", report);
        Assert.Contains("学法计划:已安排学法活动1次:2027年1月15日 1月学法", report);
        Assert.Contains("【待补充:党委、政府主要负责人带头尊法学法守法用法情况", report);
        Assert.Contains("【待补充:其他需要报告的情况", report);
    }

    /// <summary>
    /// By hand, on 2026-03-20 (Shanghai), with the mediation, supervision and study-hours fixtures of their own tests:
    /// cases 10 received, 7 mediated, 5 settled (71.4%), oral 3, written 2, major 1, collective 2, open 2, referred 1;
    /// case 2026-005 (received 02-14, in progress) is past its one-month limit (03-14), 2026-009 (03-09) is not.
    /// Tasks 7: on time 2, late 1, overdue 2 (C due 03-08, F due 03-09), 1 extension, 3 chases, on-time 2 of 5 = 40%.
    /// Study: 5 held (01-10, 02-10, 03-06, 03-10, 03-16), 6 sign-ins of 15 expected = 40%, 2 people; hours 4 + 2.5 = 6.5,
    /// target 3: 李娜 and 张三 below. Every session is under 80%. No exam. The monthly session goes on into 2027.
    /// First half: tasks due by 06-30: A B C D E F = 6. First quarter: A B C E F = 5. Second quarter: no case.
    /// </summary>
    [Fact]
    public async Task A_small_year_worked_out_by_hand()
    {
        using var host = new BotHost(settings: new() { ["Reminders:Enabled"] = "false", ["Study:YearlyHoursTarget"] = "3" });
        var actor = new MediationActor("msteams:user-1", "王小明");
        var i = 0;
        foreach (var c in MediationStatsTests.Fixture())
        {
            c.WorkspaceId = ReportDataset.Ws;
            host.Service<MediationStore>().Create(c, "f" + ++i, actor, host.Clock.GetUtcNow());
        }
        host.Service<PlanTaskStore>().BulkInsert(SupervisionFixture.Tasks());
        StudyHoursTests.Seed(host);
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 20, 2, 0, 0, TimeSpan.Zero));
        await host.SendAsync(InGroup("帮助"));

        var report = ReportFile.Text((await ReportAsync(host, "年度报告 2026")).Docx);
        Assert.Contains("2026年度法治政府建设情况报告", report);
        Assert.Contains("2026年共受理矛盾纠纷10起,调解7起,调解成功5起,成功率71.4%;其中达成口头协议3起、书面协议2起。", report);
        Assert.Contains("按纠纷类型分:婚姻家庭纠纷3起、邻里纠纷4起、合同纠纷1起、劳动争议纠纷2起。重大疑难纠纷1起,群体性纠纷2起。", report);
        Assert.Contains("截至2026年3月20日,仍在调解中2起,移交其他部门处理1起。", report);
        Assert.Contains("有1起纠纷超过调解期限仍未结案(案号2026-005,详见附件表1)", report);
        Assert.Contains("2026年纳入督办的重点工作任务共7项,已办结3项,其中按时办结2项、逾期办结1项;截至2026年3月20日逾期未办结2项。批准延期1次,催办3次,按时办结率40%。", report);
        Assert.Contains("有2项督办任务超过办理期限仍未办结,如“村规民约合法性审查”、“沿街商铺占道整治”", report);
        Assert.Contains("2026年共组织学法活动5次,其中集中学习5次;学习内容涉及《民法典》5次。参学6人次,涉及2人,平均出勤率40%。", report);
        Assert.Contains("累计学时6.5学时,2人有学时记录;年度学时目标3学时,未达标2人。", report);
        Assert.Contains("有5次学法活动出勤率低于80%", report);
        Assert.DoesNotContain("组织学法考试", report);
        // Next year: no plan imported, but the monthly session (the 10th) goes on: 12 sessions in 2027.
        Assert.Contains("【待补充:2027年重点工作(尚未导入2027年的工作计划)】", report);
        Assert.Contains("学法计划:已安排学法活动12次:2027年1月10日 每月十日学法(集中学习)", report);

        var firstHalf = ReportFile.Text((await ReportAsync(host, "工作总结 2026上半年")).Docx);
        Assert.Contains("2026年上半年法治政府建设工作总结", firstHalf);
        Assert.Contains("2026年上半年纳入督办的重点工作任务共6项", firstHalf);
        Assert.Contains("四、下一步工作打算", firstHalf);
        var firstQuarter = ReportFile.Text((await ReportAsync(host, "工作总结 2026Q1")).Docx);
        Assert.Contains("2026年第一季度纳入督办的重点工作任务共5项", firstQuarter);
        Assert.Contains("2026年第一季度共受理矛盾纠纷10起", firstQuarter);
        var secondQuarter = ReportFile.Text((await ReportAsync(host, "工作总结 2026年第二季度")).Docx);
        Assert.Contains("2026年第二季度系统中没有受理的矛盾纠纷记录。【待补充:人民调解情况】", secondQuarter);
    }
}
