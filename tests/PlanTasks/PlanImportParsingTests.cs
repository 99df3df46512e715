using System.Text;
using ChatBot.Bot.Features.PlanTasks.Import;

namespace ChatBot.Tests.PlanTasks;

public class PlanImportParsingTests
{
    [Theory]
    [InlineData("2026-06-30", "2026-06-30")]
    [InlineData("2026/6/5", "2026-06-05")]
    [InlineData("2026年6月底", "2026-06-30")]
    [InlineData("6月底前", "2026-06-30")]
    [InlineData("2月底", "2026-02-28")]
    [InlineData("十一月", "2026-11-30")]
    [InlineData("2026年3月15日", "2026-03-15")]
    [InlineData("第三季度", "2026-09-30")]
    [InlineData("一季度", "2026-03-31")]
    [InlineData("上半年", "2026-06-30")]
    [InlineData("年底", "2026-12-31")]
    [InlineData("全年", "2026-12-31")]
    [InlineData("2027年底", "2027-12-31")]
    public void Deadlines_in_the_forms_plans_use(string text, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), DeadlineParser.Parse(text, 2026));

    [Theory]
    [InlineData("尽快")]
    [InlineData("")]
    [InlineData("2026-02-30")]
    public void Unreadable_deadlines_are_null(string text) => Assert.Null(DeadlineParser.Parse(text, 2026));

    [Fact]
    public void Csv_with_bom_quotes_and_chinese_headers_becomes_drafts()
    {
        var csv = "\uFEFF计划,板块,任务,责任人,责任部门,完成时限\r\n"
            + "2026年依法行政工作计划,(三)进一步规范行政执法行为,\"全面推行行政执法公示制度,及时公开\",张三、李四,综合执法办,2026年6月底\r\n"
            + "2026年依法行政工作计划,(三)进一步规范行政执法行为,开展执法案卷评查,王五,司法所,第三季度\r\n"
            + "2026年依法行政工作计划,(四)法治宣传,普法宣传,,司法所,尽快\r\n";
        var rows = CsvPlanReader.Read(Encoding.UTF8.GetBytes(csv));
        var result = PlanTable.ToDrafts(rows[0], rows.Skip(1), 2025, "x");
        Assert.Equal(2, result.Tasks.Count);
        var first = result.Tasks[0];
        Assert.Equal("全面推行行政执法公示制度,及时公开", first.Title);
        Assert.Equal(["张三", "李四"], first.Owners);
        Assert.Equal("综合执法办", first.Department);
        Assert.Equal(2026, first.PlanYear); // from the plan title, not the default
        Assert.Equal(new DateOnly(2026, 6, 30), first.DueDate);
        Assert.Equal(new DateOnly(2026, 9, 30), result.Tasks[1].DueDate);
        Assert.Single(result.Problems);
        Assert.Contains("Row 4", result.Problems[0].En);
        Assert.Contains("第4行", result.Problems[0].Zh);
        Assert.DoesNotContain("row", result.Problems[0].Zh, StringComparison.OrdinalIgnoreCase); // the Chinese preview says it in Chinese only
    }

    [Fact]
    public void Csv_without_required_columns_is_reported()
    {
        var rows = CsvPlanReader.Read(Encoding.UTF8.GetBytes("name,when\na,b\n"));
        var result = PlanTable.ToDrafts(rows[0], rows.Skip(1), 2026, "x");
        Assert.Empty(result.Tasks);
        Assert.Contains("完成时限", result.Problems.Single().Zh);
    }

    [Fact]
    public void Excel_rows_are_read_with_dates()
    {
        using var ms = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(ms, new[]
        {
            new Dictionary<string, object> { ["计划"] = "2026年依法行政工作计划", ["板块"] = "(一)制度建设", ["任务"] = "修订规范性文件", ["责任人"] = "张三", ["责任部门"] = "党政办", ["完成时限"] = new DateTime(2026, 5, 31) },
            new Dictionary<string, object> { ["计划"] = "2026年依法行政工作计划", ["板块"] = "(一)制度建设", ["任务"] = "清理文件", ["责任人"] = "李四", ["责任部门"] = "党政办", ["完成时限"] = "年底" },
        });
        var rows = ExcelPlanReader.Read(ms.ToArray());
        var result = PlanTable.ToDrafts(rows[0], rows.Skip(1), 2026, "x");
        Assert.Equal(2, result.Tasks.Count);
        Assert.Equal(new DateOnly(2026, 5, 31), result.Tasks[0].DueDate);
        Assert.Equal(new DateOnly(2026, 12, 31), result.Tasks[1].DueDate);
        Assert.Equal("(一)制度建设", result.Tasks[0].Section);
    }

    public const string Outline = """
        某某镇2026年依法行政工作计划
        一、总体要求
        坚持以习近平新时代中国特色社会主义思想为指导。
        二、重点任务
        （一）进一步规范行政执法行为
        1．全面推行行政执法公示制度。（6月底前完成，责任单位：综合执法办，责任人：张三、李四）
        2．开展行政执法案卷评查，
        覆盖全部执法领域。（第三季度，责任单位：司法所）
        （二）加强法治宣传教育
        1、组织“宪法宣传周”活动。责任单位：司法所；完成时限：12月10日
        2、建立普法台账。
        """;

    [Fact]
    public void Outline_text_yields_sections_tasks_deadlines_and_owners()
    {
        var result = OutlinePlanParser.Parse(Outline, 2025);
        Assert.Equal(3, result.Tasks.Count);
        var t1 = result.Tasks[0];
        Assert.Equal("某某镇2026年依法行政工作计划", t1.PlanTitle);
        Assert.Equal(2026, t1.PlanYear);
        Assert.Equal("(一)进一步规范行政执法行为", t1.Section);
        Assert.Equal("全面推行行政执法公示制度", t1.Title);
        Assert.Equal(new DateOnly(2026, 6, 30), t1.DueDate);
        Assert.Equal("综合执法办", t1.Department);
        Assert.Equal(["张三", "李四"], t1.Owners);

        var t2 = result.Tasks[1];
        Assert.Equal("开展行政执法案卷评查,覆盖全部执法领域", t2.Title);
        Assert.Equal(new DateOnly(2026, 9, 30), t2.DueDate);
        Assert.Equal("司法所", t2.Department);

        var t3 = result.Tasks[2];
        Assert.Equal("(二)加强法治宣传教育", t3.Section);
        Assert.Equal(new DateOnly(2026, 12, 10), t3.DueDate);
        Assert.StartsWith("组织“宪法宣传周”活动", t3.Title);

        Assert.Single(result.Problems); // 建立普法台账 has no deadline: reported, not guessed
        Assert.Contains("建立普法台账", result.Problems[0].Zh);
        Assert.DoesNotContain("deadline", result.Problems[0].Zh);
    }

    [Fact]
    public void An_outline_whose_line_breaks_were_lost_is_still_read()
    {
        var flat = string.Join(" ", Outline.Split('\n').Select(l => l.Trim()));
        var result = OutlinePlanParser.Parse(flat, 2026);
        Assert.Equal(3, result.Tasks.Count);
        Assert.Equal("全面推行行政执法公示制度", result.Tasks[0].Title);
    }

    [Fact]
    public void Section_headings_with_a_deadline_and_no_numbered_items_are_tasks()
    {
        // As typed into Web Chat's one-line box: the line breaks are gone and the plan stops at the "(一)" level.
        const string text = "2026年依法行政工作计划 一、加强制度建设 (一)完善规范性文件备案审查 责任单位:司法所 3月底前完成 "
            + "(二)全面推行行政执法公示制度 责任人:张三 6月底前完成 二、队伍建设 (一)组织执法人员培训 1.开展执法资格考试 (第三季度完成)";
        var result = OutlinePlanParser.Parse(text, 2026);
        Assert.Equal(["完善规范性文件备案审查", "全面推行行政执法公示制度", "开展执法资格考试"], result.Tasks.Select(t => t.Title));
        Assert.Equal(new DateOnly(2026, 3, 31), result.Tasks[0].DueDate);
        Assert.Equal("司法所", result.Tasks[0].Department);
        Assert.Equal(["张三"], result.Tasks[1].Owners);
        Assert.Equal("一、加强制度建设", result.Tasks[0].Section);
        Assert.Equal("(一)组织执法人员培训", result.Tasks[2].Section);
        Assert.Empty(result.Problems);
    }
}
