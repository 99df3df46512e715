using ChatBot.Bot.Features.Reports;
using ChatBot.Cards;

namespace ChatBot.Tests.Reports;

public class ReportPeriodTests
{
    private static readonly DateOnly December = new(2026, 12, 3);

    [Theory]
    // No year: the year being reported on. In December that is this year; until the end of March (the report is due
    // by 1 March) it is last year.
    [InlineData("", "2026-12-03", "2026-01-01", "2026-12-31", "2026年")]
    [InlineData("", "2027-02-10", "2026-01-01", "2026-12-31", "2026年")]
    [InlineData("", "2027-04-01", "2027-01-01", "2027-12-31", "2027年")]
    [InlineData("2025", "2026-12-03", "2025-01-01", "2025-12-31", "2025年")]
    [InlineData("2025年", "2026-12-03", "2025-01-01", "2025-12-31", "2025年")]
    [InlineData("2026上半年", "2026-12-03", "2026-01-01", "2026-06-30", "2026年上半年")]
    [InlineData("2026年下半年", "2026-12-03", "2026-07-01", "2026-12-31", "2026年下半年")]
    [InlineData("2026 H1", "2026-12-03", "2026-01-01", "2026-06-30", "2026年上半年")]
    [InlineData("2026Q3", "2026-12-03", "2026-07-01", "2026-09-30", "2026年第三季度")]
    [InlineData("2026q1", "2026-12-03", "2026-01-01", "2026-03-31", "2026年第一季度")]
    [InlineData("2026年第四季度", "2026-12-03", "2026-10-01", "2026-12-31", "2026年第四季度")]
    [InlineData("2026年2季度", "2026-12-03", "2026-04-01", "2026-06-30", "2026年第二季度")]
    [InlineData("２０２６Ｑ３", "2026-12-03", "2026-07-01", "2026-09-30", "2026年第三季度")]
    public void Reads_years_half_years_and_quarters(string text, string today, string first, string last, string name)
    {
        var p = ReportPeriod.Parse(text, DateOnly.Parse(today))!;
        Assert.Equal((DateOnly.Parse(first), DateOnly.Parse(last)), (p.First, p.Last));
        Assert.Equal(name, p.Name(new Lang(true)));
    }

    [Theory]
    [InlineData("明年吧")]
    [InlineData("2026Q5")]
    [InlineData("2026中半年")]
    [InlineData("1999")]
    [InlineData("2026-13")]
    public void Anything_else_is_not_a_period(string text) => Assert.Null(ReportPeriod.Parse(text, December));

    [Fact]
    public void Titles_name_the_period_and_the_next_period_follows_it()
    {
        var zh = new Lang(true);
        Assert.Equal("2026年度法治政府建设情况报告", ReportPeriod.WholeYear(2026).Title(zh));
        Assert.Equal("2026年上半年法治政府建设工作总结", ReportPeriod.Half(2026, 1).Title(zh));
        Assert.Equal("2026年第三季度法治政府建设工作总结", ReportPeriod.Quarter(2026, 3).Title(zh));
        Assert.Equal("Work summary on building a law-based government, Q3 2026", ReportPeriod.Quarter(2026, 3).Title(new Lang(false)));
        Assert.Equal(ReportPeriod.WholeYear(2027), ReportFiguresReader.Next(ReportPeriod.WholeYear(2026)));
        Assert.Equal(ReportPeriod.Half(2027, 1), ReportFiguresReader.Next(ReportPeriod.Half(2026, 2)));
        Assert.Equal(ReportPeriod.Quarter(2027, 1), ReportFiguresReader.Next(ReportPeriod.Quarter(2026, 4)));
        Assert.Equal(ReportPeriod.Quarter(2026, 4), ReportFiguresReader.Next(ReportPeriod.Quarter(2026, 3)));
    }
}
