using System.Text.RegularExpressions;
using ChatBot.Bot.Features.Mediation;
using ChatBot.Bot.Features.Study;
using ChatBot.Cards;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Study;
using ChatBot.Tests.Infrastructure;
using ChatBot.Tests.Mediation;
using MiniExcelLibs;
using static ChatBot.Tests.Study.StudyTestKit;

namespace ChatBot.Tests.Study;

/// <summary>
/// 导出学法台账 on <see cref="StudyHoursTests.Seed"/> plus an exam, 2026-03-12 15:00, 60 min, expected 王小明 李娜 张三:
/// 王小明 95; 李娜 55 then 72 at the make-up; 张三 absent. On 2026-03-20 (target 3) the held sessions, by hand:
/// 01-10 monthly 1 h (1 of 3), 02-10 monthly 1 h (1 of 3), 03-06 民法典 1.5 h (2 of 3 = 66.7%), 03-10 monthly 1 h (1 of 3),
/// 03-12 exam 1 h (0 of 3), 03-16 会前学法 0.5 h (1 of 3): 6 sessions, 6 h.
/// People: 王小明 4 h, 4 sessions, met, 95, 1 attempt, 优秀; 李娜 2.5 h, 2 sessions, not met, 72, 2 attempts, 合格;
/// 张三 0 h, 0 sessions, not met, no score, 缺考 1.
/// </summary>
public class StudyLedgerExportTests
{
    private const string Ws = "msteams:tenant-1:19:group-1@thread.v2";

    private static BotHost Host() => new(settings: new() { ["Reminders:Enabled"] = "false", ["Study:YearlyHoursTarget"] = "3" });

    private static void SeedWithExam(BotHost host)
    {
        StudyHoursTests.Seed(host);
        var store = host.Service<StudyStore>();
        var created = Local(1, 1, 0);
        var exam = store.Create(new StudySession
        {
            WorkspaceId = Ws, Title = "学法考试:行政复议法", Law = "行政复议法", Format = StudyFormat.Exam, Presenter = "司法所 陈所长",
            Rule = new StudyRule { Kind = StudyRuleKind.Once, Date = new DateOnly(2026, 3, 12), Start = new TimeOnly(15, 0), DurationMinutes = 60 },
            SeriesStartUtc = created.AddDays(-60), ExpectedParticipants = ["王小明", "李娜", "张三"], CreatedUtc = created, UpdatedUtc = created,
        }, new AuditEntry { Action = "test" });
        StudyExamScore Score(string name, double score, int attempt) => new()
            { WorkspaceId = Ws, SessionId = exam.Id, OccurrenceDate = new DateOnly(2026, 3, 12), Name = name, Score = score, Attempt = attempt, RecordedUtc = created };
        store.SaveScores([Score("王小明", 95, 1), Score("李娜", 55, 1), Score("李娜", 72, 2)], new AuditEntry { Action = "test" });
    }

    private static async Task<string> Group(BotHost host, string text, string user = "user-1", string locale = "zh-CN") =>
        (await host.SendAsync(Activities.GroupMention(text, user, locale: locale))).AllText();

    private static async Task<string> Personal(BotHost host, string text, string user = "user-1", string locale = "zh-CN") =>
        (await host.SendAsync(Activities.Message(text, user, "a:personal-" + user, "msteams", "personal", locale))).AllText();

    private static MediationDownloads.Entry Download(BotHost host, string reply)
    {
        var token = Regex.Match(reply, @"/files/([A-Za-z0-9_-]{40,})").Groups[1].Value;
        Assert.NotEmpty(token);
        return host.Service<MediationDownloads>().Find(token)!;
    }

    private static List<IDictionary<string, object?>> Sheet(byte[] xlsx, string name)
    {
        using var stream = new MemoryStream(xlsx);
        return MiniExcel.Query(stream, useHeaderRow: true, sheetName: name, excelType: ExcelType.XLSX, startCell: "A3").Cast<IDictionary<string, object?>>().ToList();
    }

    [Fact]
    public async Task The_sheets_hold_the_hand_computed_figures_and_agree_with_hours_and_exam_stats()
    {
        using var host = Host();
        SeedWithExam(host);
        host.Clock.SetUtcNow(Local(3, 20, 12));
        var hoursText = await Group(host, "学时统计 2026");
        var examText = await Group(host, "考试统计 2026");
        Assert.Contains("参考2人,缺考1人,合格2人,合格率100%;优秀1人,良好0人,合格1人,不合格0人", examText);

        var reply = await Personal(host, "导出学法台账 2026");
        Assert.Contains("2026年学法台账:学法活动 6 次,3 人的学时和考试成绩", reply);
        var file = Download(host, reply);
        Assert.Equal(Ws, file.WorkspaceId);
        Assert.Equal("学法台账-2026.xlsx", file.FileName);

        var sessions = Sheet(file.Content, "学法活动");
        Assert.Equal(StudyLedgerWorkbook.SessionHeaders(Lang.Zh), sessions[0].Keys);
        Assert.Equal(
            ["2026-01-10", "2026-02-10", "2026-03-06", "2026-03-10", "2026-03-12", "2026-03-16"],
            sessions.Select(r => LedgerFile.AsDate(r["日期"])!.Value.ToString("yyyy-MM-dd")));
        Assert.Equal([1.0, 1, 1.5, 1, 1, 0.5], sessions.Select(r => Convert.ToDouble(r["学时"])));
        Assert.Equal([1.0, 1, 2, 1, 0, 1], sessions.Select(r => Convert.ToDouble(r["实到人数"])));
        Assert.All(sessions, r => Assert.Equal(3.0, Convert.ToDouble(r["应到人数"])));
        Assert.Equal(2.0 / 3, Convert.ToDouble(sessions[2]["到课率"]), 6);
        Assert.Equal("15:00–16:30", sessions[2]["时间"]);
        Assert.Equal("考试", sessions[4]["形式"]);
        Assert.Equal("司法所 陈所长", sessions[4]["主讲人"]);
        Assert.Equal("行政复议法", sessions[4]["学习法律法规"]);

        var people = Sheet(file.Content, "个人学时与成绩");
        Assert.Equal(StudyLedgerWorkbook.PeopleHeaders(Lang.Zh), people[0].Keys);
        Assert.Equal(["王小明", "李娜", "张三"], people.Select(r => (string)r["姓名"]!));
        Assert.Equal([4.0, 2.5, 0], people.Select(r => Convert.ToDouble(r["学时"])));
        Assert.Equal([4.0, 2, 0], people.Select(r => Convert.ToDouble(r["参学次数"])));
        Assert.All(people, r => Assert.Equal(3.0, Convert.ToDouble(r["年度目标学时"])));
        Assert.Equal(["是", "否", "否"], people.Select(r => (string)r["是否达标"]!));
        Assert.Equal([95.0, 72], people.Take(2).Select(r => Convert.ToDouble(r["考试成绩(最好)"])));
        Assert.Null(people[2]["考试成绩(最好)"]);
        Assert.Equal([1.0, 2], people.Take(2).Select(r => Convert.ToDouble(r["参考次数"])));
        Assert.Equal(["优秀", "合格", "缺考"], people.Select(r => (string)r["等次"]!));
        Assert.Equal([0.0, 0, 1], people.Select(r => Convert.ToDouble(r["缺考场次"])));

        // Every person's line of 学时统计 is the sheet's row.
        foreach (var r in people)
            Assert.Contains($"- {r["姓名"]}:{Convert.ToDouble(r["学时"])}学时,参学{Convert.ToDouble(r["参学次数"])}次", hoursText);
        // 考试统计's grade counts are the sheet's grades.
        Assert.Contains($"优秀{people.Count(r => (string)r["等次"]! == "优秀")}人,良好{people.Count(r => (string)r["等次"]! == "良好")}人,合格{people.Count(r => (string)r["等次"]! == "合格")}人", examText);
        Assert.Contains($"缺考{people.Count(r => (string)r["等次"]! == "缺考")}人", examText);
    }

    [Fact]
    public async Task English_ledger_has_english_sheets_and_headers()
    {
        using var host = Host();
        SeedWithExam(host);
        host.Clock.SetUtcNow(Local(3, 20, 12));
        await Group(host, "study hours", locale: "en-US");
        var reply = await Personal(host, "export study ledger", locale: "en-US");
        Assert.Contains("Study ledger 2026: 6 sessions, hours and exam results of 3 people.", reply);
        var file = Download(host, reply);
        Assert.Equal("study-ledger-2026.xlsx", file.FileName);
        var people = Sheet(file.Content, "Per person");
        Assert.Equal(StudyLedgerWorkbook.PeopleHeaders(Lang.En), people[0].Keys);
        Assert.Equal(["Excellent", "Pass", "Absent"], people.Select(r => (string)r["Grade"]!));
        Assert.Equal(["Yes", "No", "No"], people.Select(r => (string)r["Target met"]!));
        Assert.Equal(6, Sheet(file.Content, "Sessions").Count);
    }

    [Fact]
    public async Task In_a_group_it_asks_for_a_personal_chat_and_only_admins_get_it()
    {
        using var host = Host();
        SeedWithExam(host);
        host.Clock.SetUtcNow(Local(3, 20, 12));
        var group = await Group(host, "导出学法台账");
        Assert.Contains("请在与我的私聊中发送“导出学法台账”", group);
        Assert.DoesNotContain("/files/", group);

        await Group(host, "学时统计", "user-2");
        var workspaces = host.Service<WorkspaceStore>();
        var ws = workspaces.Get(Ws)!;
        ws.Admins.Add("msteams:user-2");
        workspaces.Save(ws);
        var refused = await Personal(host, "导出学法台账");
        Assert.Contains("只有管理员可以导出学法台账", refused);
        Assert.DoesNotContain("/files/", refused);
        Assert.Contains("/files/", await Personal(host, "导出学法台账", "user-2"));
        Assert.Contains("年份没看懂", await Personal(host, "导出学法台账 明年吧", "user-2"));
    }

    [Fact]
    public async Task LibreOffice_prints_both_sheets_on_landscape_pages_with_titles_and_frozen_headers()
    {
        using var host = Host();
        SeedWithExam(host);
        host.Clock.SetUtcNow(Local(3, 20, 12));
        await Group(host, "学时统计");
        var file = Download(host, await Personal(host, "导出学法台账"));

        var ns = LedgerFile.Main;
        foreach (var part in new[] { "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml" })
        {
            var sheet = LedgerFile.Part(file.Content, part).Root!;
            var setup = sheet.Element(ns + "pageSetup")!;
            Assert.Equal("landscape", (string?)setup.Attribute("orientation"));
            Assert.Equal("9", (string?)setup.Attribute("paperSize"));
            Assert.Equal("1", (string?)setup.Attribute("fitToWidth"));
            Assert.Equal("frozen", (string?)sheet.Descendants(ns + "pane").Single().Attribute("state"));
            Assert.Contains(sheet.Descendants(ns + "c"), c => (string?)c.Attribute("r") == "A1" && c.Value.Contains("2026年度"));
        }
        var titles = LedgerFile.Part(file.Content, "xl/workbook.xml").Descendants(ns + "definedName").Where(d => (string?)d.Attribute("name") == "_xlnm.Print_Titles").ToList();
        Assert.Equal(["'学法活动'!$3:$3", "'个人学时与成绩'!$3:$3"], titles.Select(t => t.Value));

        var dir = Path.Combine(Path.GetTempPath(), "study-ledger-" + Guid.NewGuid().ToString("N"));
        var pages = LedgerFile.RenderPages(file.Content, dir);
        Assert.Equal(2, pages.Count); // one page per sheet: every column fits the landscape width
        foreach (var page in pages)
        {
            using var png = File.OpenRead(page);
            var header = new byte[24];
            png.ReadExactly(header);
            var width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16));
            var height = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(20));
            Assert.True(width > height, $"{page} is not landscape ({width}×{height})");
        }
        Console.WriteLine("study ledger pages: " + string.Join(", ", pages));
    }
}
