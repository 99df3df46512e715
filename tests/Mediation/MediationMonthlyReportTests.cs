using System.Text.RegularExpressions;
using ChatBot.Bot.Features.Mediation;
using ChatBot.Cards;
using ChatBot.Cards.Mediation;
using ChatBot.Storage.Mediation;
using ChatBot.Tests.Infrastructure;
using MiniExcelLibs;
using static ChatBot.Tests.Mediation.MediationTestKit;

namespace ChatBot.Tests.Mediation;

/// <summary>
/// 调解月报 for November 2026 against a month computed by hand. 受理 counts by 受理日期, 调解成功 by 结案日期:
///  no  受理        来源      类型      结果            结案        协议金额  other
///   1  2026-10-08  申请      邻里      成功 书面       2026-10-20  2000     司法确认 2026-11-05
///   2  2026-10-25  主动      婚姻家庭  成功 口头       2026-11-03  0        回访 11-20 已履行
///   3  2026-10-28  公安      损害赔偿  不成功          2026-11-10
///   4  2026-11-02  申请      邻里      成功 书面       2026-11-15  5000     重大; 回访 11-20 部分, 11-28 已履行
///   5  2026-11-09  法院      合同      成功 书面       2026-12-02  8000     (settled in December)
///   6  2026-11-16  政府      邻里      调解中                               群体性
///   7  2026-11-30  其他部门  劳动      成功 口头       2026-11-30  1200.50  群体性; 回访 11-30 部分履行
///   8  2026-12-01  主动      婚姻家庭  受理                                 (December)
///   9  2026-11-20  主动      婚姻家庭  已移交          2026-11-25
///  10  2026-03-15  申请      交通事故  成功 书面       2026-04-01  3000     (earlier this year)
///  11  2025-11-10  申请      邻里      成功 口头       2025-11-12           (last year)
/// November: 受理 4,5,6,7,9 = 5 (申请 1, 主动 1, 委托移送 3; 邻里 2, 婚姻家庭 1, 合同 1, 劳动 1); closed 2,3,4,7,9:
///   成功 2,4,7 = 3, 不成功 3 = 1, rate 3/4 = 75%; 金额 6200.50; 口头 2,7; 书面 4; 已履行 2,4 = 2; 司法确认 1 = 1;
///   重大 4 = 1; 群体性 6,7 = 2.
/// October: 受理 1,2,3 = 3 (申请, 主动, 委托移送 1 each; 邻里, 婚姻家庭, 损害赔偿 1 each); 成功 1 (书面), rate 100%, 金额 2000.
/// 2026 to November: 受理 9 (申请 10,1,4; 主动 2,9; 委托移送 3,5,6,7); 成功 10,1,2,4,7 = 5, 不成功 1, rate 5/6 = 83.3%;
///   金额 11200.50; 口头 2, 书面 3; 已履行 2; 司法确认 1; 重大 1; 群体性 2.
/// </summary>
public class MediationMonthlyReportTests
{
    private static MediationCase C(int no, DateOnly received, MediationSource source, DisputeType type, MediationStatus status,
        AgreementForm? form = null, DateOnly? closed = null, decimal amount = 0, bool major = false, bool collective = false)
    {
        var c = Case(received, type, "东岭村", status, form, major, collective);
        c.Source = source;
        c.ClosedOn = closed;
        c.AgreementAmount = amount;
        c.Year = received.Year;
        c.Seq = no;
        c.CaseNo = $"{received.Year}-{no:000}";
        return c;
    }

    public static List<MediationCase> November()
    {
        var cases = new List<MediationCase>
        {
            C(1, new(2026, 10, 8), MediationSource.Application, DisputeType.Neighbour, MediationStatus.Succeeded, AgreementForm.Written, new(2026, 10, 20), 2000),
            C(2, new(2026, 10, 25), MediationSource.Screening, DisputeType.Family, MediationStatus.Succeeded, AgreementForm.Oral, new(2026, 11, 3)),
            C(3, new(2026, 10, 28), MediationSource.Police, DisputeType.Damages, MediationStatus.Failed, closed: new(2026, 11, 10)),
            C(4, new(2026, 11, 2), MediationSource.Application, DisputeType.Neighbour, MediationStatus.Succeeded, AgreementForm.Written, new(2026, 11, 15), 5000, major: true),
            C(5, new(2026, 11, 9), MediationSource.Court, DisputeType.Contract, MediationStatus.Succeeded, AgreementForm.Written, new(2026, 12, 2), 8000),
            C(6, new(2026, 11, 16), MediationSource.Government, DisputeType.Neighbour, MediationStatus.InProgress, collective: true),
            C(7, new(2026, 11, 30), MediationSource.OtherDepartment, DisputeType.Labour, MediationStatus.Succeeded, AgreementForm.Oral, new(2026, 11, 30), 1200.50m, collective: true),
            C(8, new(2026, 12, 1), MediationSource.Screening, DisputeType.Family, MediationStatus.Accepted),
            C(9, new(2026, 11, 20), MediationSource.Screening, DisputeType.Family, MediationStatus.Referred, closed: new(2026, 11, 25)),
            C(10, new(2026, 3, 15), MediationSource.Application, DisputeType.Traffic, MediationStatus.Succeeded, AgreementForm.Written, new(2026, 4, 1), 3000),
            C(11, new(2025, 11, 10), MediationSource.Application, DisputeType.Neighbour, MediationStatus.Succeeded, AgreementForm.Oral, new(2025, 11, 12)),
        };
        cases[0].CourtConfirmedOn = new(2026, 11, 5);
        cases[1].FollowUps.Add(new FollowUpVisit { Date = new(2026, 11, 20), By = "李娜", Performance = Performance.Fulfilled });
        cases[3].FollowUps.Add(new FollowUpVisit { Date = new(2026, 11, 28), By = "李娜", Performance = Performance.Fulfilled });
        cases[3].FollowUps.Add(new FollowUpVisit { Date = new(2026, 11, 20), By = "李娜", Performance = Performance.PartlyFulfilled });
        cases[6].FollowUps.Add(new FollowUpVisit { Date = new(2026, 11, 30), By = "李娜", Performance = Performance.PartlyFulfilled });
        return cases;
    }

    [Fact]
    public void November_matches_the_hand_computed_month_the_month_before_and_the_year()
    {
        var r = MediationMonthlyReport.Compute(November(), 2026, 11);
        var m = r.ThisMonth;
        Assert.Equal((new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)), (m.From, m.To));
        Assert.Equal((5, 3, 1, 6200.50m), (m.Received, m.Successful, m.Failed, m.AgreementAmount));
        Assert.Equal(0.75, m.SuccessRate);
        Assert.Equal((1, 1, 3), (m.FromApplication, m.FromScreening, m.EntrustedOrReferred));
        Assert.Equal(new Dictionary<DisputeType, int> { [DisputeType.Family] = 1, [DisputeType.Neighbour] = 2, [DisputeType.Contract] = 1, [DisputeType.Labour] = 1 }, m.ReceivedByType);
        Assert.Equal((2, 1, 2, 1, 1, 2), (m.Oral, m.Written, m.Fulfilled, m.CourtConfirmed, m.Major, m.Collective));

        var p = r.PreviousMonth;
        Assert.Equal((new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)), (p.From, p.To));
        Assert.Equal((3, 1, 0, 2000m), (p.Received, p.Successful, p.Failed, p.AgreementAmount));
        Assert.Equal(1.0, p.SuccessRate);
        Assert.Equal((1, 1, 1), (p.FromApplication, p.FromScreening, p.EntrustedOrReferred));
        Assert.Equal(new Dictionary<DisputeType, int> { [DisputeType.Family] = 1, [DisputeType.Neighbour] = 1, [DisputeType.Damages] = 1 }, p.ReceivedByType);
        Assert.Equal((0, 1, 0, 0, 0, 0), (p.Oral, p.Written, p.Fulfilled, p.CourtConfirmed, p.Major, p.Collective));

        var y = r.YearToDate;
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 11, 30)), (y.From, y.To));
        Assert.Equal((9, 5, 1, 11200.50m), (y.Received, y.Successful, y.Failed, y.AgreementAmount));
        Assert.Equal("83.3%", MediationLabels.Rate(y.SuccessRate));
        Assert.Equal((3, 2, 4), (y.FromApplication, y.FromScreening, y.EntrustedOrReferred));
        Assert.Equal(new Dictionary<DisputeType, int>
        {
            [DisputeType.Family] = 2, [DisputeType.Neighbour] = 3, [DisputeType.Contract] = 1, [DisputeType.Damages] = 1, [DisputeType.Labour] = 1, [DisputeType.Traffic] = 1,
        }, y.ReceivedByType);
        Assert.Equal((2, 3, 2, 1, 1, 2), (y.Oral, y.Written, y.Fulfilled, y.CourtConfirmed, y.Major, y.Collective));

        // January compares with the December before it, and its year starts again.
        var january = MediationMonthlyReport.Compute(November(), 2027, 1);
        Assert.Equal((new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31)), (january.PreviousMonth.From, january.PreviousMonth.To));
        Assert.Equal((1, 1, 8000m), (january.PreviousMonth.Received, january.PreviousMonth.Successful, january.PreviousMonth.AgreementAmount));
        Assert.Equal(0, january.YearToDate.Received);
        Assert.Null(january.ThisMonth.SuccessRate);
    }

    [Fact]
    public void The_report_rows_show_month_previous_change_and_year()
    {
        var text = MediationMonthlyCard.Text(Lang.Zh, MediationMonthlyReport.Compute(November(), 2026, 11), null);
        Assert.StartsWith("2026年11月人民调解工作统计", text);
        Assert.Contains("受理纠纷(件): 5 / 3 / +2 / 9\n", text);
        Assert.Contains("调解成功(件): 3 / 1 / +2 / 5\n", text);
        Assert.Contains("调解成功率: 75% / 100% / -25个百分点 / 83.3%\n", text);
        Assert.Contains("协议金额(元): 6,200.5 / 2,000 / +4,200.5 / 11,200.5\n", text);
        Assert.Contains("受理来源\n申请: 1 / 1 / 0 / 3\n主动: 1 / 1 / 0 / 2\n委托移送: 3 / 1 / +2 / 4\n", text);
        // The types in the order of the form, every type seen in either month or the year.
        Assert.Contains("受理纠纷类型\n婚姻家庭: 1 / 1 / 0 / 2\n邻里: 2 / 1 / +1 / 3\n合同: 1 / 0 / +1 / 1\n损害赔偿: 0 / 1 / -1 / 1\n劳动争议: 1 / 0 / +1 / 1\n交通事故: 0 / 0 / 0 / 1\n", text);
        Assert.Contains("口头协议: 2 / 0 / +2 / 2\n书面协议: 1 / 1 / 0 / 3\n已履行: 2 / 0 / +2 / 2\n司法确认: 1 / 0 / +1 / 1\n", text);
        Assert.Contains("重大疑难: 1 / 0 / +1 / 1\n群体性: 2 / 0 / +2 / 2", text);

        var en = MediationMonthlyCard.Text(Lang.En, MediationMonthlyReport.Compute(November(), 2026, 11), null);
        Assert.Contains("Success rate: 75% / 100% / -25 pts / 83.3%", en);
        Assert.Contains("Entrusted or referred: 3 / 1 / +2 / 4", en);
    }

    [Theory]
    [InlineData(2026, 12, 5, 2026, 11)]
    [InlineData(2026, 12, 6, 2026, 12)]
    [InlineData(2027, 1, 3, 2026, 12)]
    [InlineData(2026, 11, 30, 2026, 11)]
    public void Without_a_month_it_is_the_previous_month_until_the_5th(int y, int m, int d, int year, int month)
    {
        Assert.True(MediationMonthlyCommand.TryMonth("", new DateOnly(y, m, d), out var ry, out var rm));
        Assert.Equal((year, month), (ry, rm));
    }

    [Theory]
    [InlineData("2026-11", true, 2026, 11)]
    [InlineData("2026年10月", true, 2026, 10)]
    [InlineData("3月", true, 2026, 3)]
    [InlineData("本月", true, 2026, 12)]
    [InlineData("2025", false, 0, 0)]
    [InlineData("2026-13", false, 0, 0)]
    [InlineData("下个月吧", false, 0, 0)]
    public void Months_are_understood(string text, bool ok, int year, int month)
    {
        Assert.Equal(ok, MediationMonthlyCommand.TryMonth(text, new DateOnly(2026, 12, 3), out var ry, out var rm));
        if (ok) Assert.Equal((year, month), (ry, rm));
    }

    private static void Store(BotHost host, string workspaceId)
    {
        var store = host.Service<MediationStore>();
        var i = 0;
        foreach (var c in November())
        {
            c.WorkspaceId = workspaceId;
            store.Create(c, "f" + ++i, new("webchat:u", "u"), host.Clock.GetUtcNow());
        }
    }

    [Fact]
    public async Task The_command_answers_with_the_card_and_an_xlsx_whose_cells_are_the_figures()
    {
        using var host = new BotHost();
        Store(host, "local:office");
        var reply = (await host.SendWebChatAsync(Activities.Message("调解月报 2026-11", "u", "wc-1", "webchat"))).AllText();
        Assert.Contains("2026年11月人民调解工作统计", reply);
        Assert.Contains("受理按受理日期、调解成功按结案日期计入当月", reply);
        Assert.Contains("下载 Excel", reply);
        var token = Regex.Match(reply, @"http://localhost/files/([A-Za-z0-9_-]{40,})").Groups[1].Value;
        var file = host.Service<MediationDownloads>().Find(token)!;
        Assert.Equal("人民调解工作统计月报-2026-11.xlsx", file.FileName);

        using var stream = new MemoryStream(file.Content);
        var rows = MiniExcel.Query(stream, useHeaderRow: true, sheetName: MediationMonthlyWorkbook.SheetName, startCell: $"A{MediationMonthlyWorkbook.HeaderRow}")
            .Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(MediationMonthlyWorkbook.Columns, rows[0].Keys);
        IDictionary<string, object?> Row(string label) => rows.Single(r => (r["项目"]?.ToString() ?? "").Trim() == label);
        Assert.Equal((5.0, 3.0, 2.0, 9.0), (Number(Row("受理纠纷(件)")["本月"]), Number(Row("受理纠纷(件)")["上月"]), Number(Row("受理纠纷(件)")["环比"]), Number(Row("受理纠纷(件)")["本年累计"])));
        Assert.Equal((0.75, 1.0), (Number(Row("调解成功率")["本月"]), Number(Row("调解成功率")["上月"])));
        Assert.Equal("-25个百分点", Row("调解成功率")["环比"]?.ToString());
        Assert.Equal((6200.5, 4200.5, 11200.5), (Number(Row("协议金额(元)")["本月"]), Number(Row("协议金额(元)")["环比"]), Number(Row("协议金额(元)")["本年累计"])));
        Assert.Equal(-1.0, Number(Row("损害赔偿")["环比"]));
        Assert.Equal(2.0, Number(Row("已履行")["本月"]));
        Assert.Contains(rows, r => r["项目"]?.ToString() == "受理来源" && r["本月"] is null); // a section heading

        // English: the chat is in English; a December report compares with November.
        var en = (await host.SendWebChatAsync(Activities.Message("mediation monthly 2026-12", "u", "wc-1", "webchat", locale: "en-US"))).AllText();
        Assert.Contains("Mediation monthly report 2026-12", en);
        Assert.Contains("Download Excel", en);
        Assert.Contains("Give a month", (await host.SendWebChatAsync(Activities.Message("mediation monthly 2025", "u", "wc-1", "webchat", locale: "en-US"))).AllText());
    }

    private static double Number(object? value) => Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_group_gets_the_counts_with_no_party_names()
    {
        using var host = new BotHost();
        var formId = FormIdOf(await host.SendAsync(Activities.GroupMention("调解登记", "user-1", GroupA)));
        await host.SendAsync(GroupSubmit(ValidForm(formId), GroupA, "user-1"));
        var reply = (await host.SendAsync(Activities.GroupMention("调解月报 2026-03", "user-1", GroupA))).AllText();
        Assert.Contains("2026年3月人民调解工作统计", reply);
        Assert.DoesNotContain("张", reply);
        Assert.DoesNotContain("138", reply);
    }

    [Fact]
    public void LibreOffice_prints_the_monthly_xlsx_on_one_portrait_a4_page()
    {
        var xlsx = MediationMonthlyWorkbook.Build(MediationMonthlyReport.Compute(November(), 2026, 11), "东岭镇人民调解委员会", new DateOnly(2026, 12, 3));
        var dir = Path.Combine(Path.GetTempPath(), "chatbot-tests", "monthly-" + Guid.NewGuid().ToString("N"));
        var pages = LedgerFile.RenderPages(xlsx, dir, "monthly.xlsx", dpi: 80);
        Assert.Single(pages);
        var (w, h, _, _) = ChatBot.Tests.Teams.PngImage.ReadHeader(File.ReadAllBytes(pages[0]));
        Assert.True(h > w, $"{w}x{h} is not portrait");
        File.Copy(pages[0], Path.Combine(Path.GetTempPath(), "chatbot-tests", "monthly-report-last.png"), overwrite: true);
    }
}
