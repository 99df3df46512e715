using ChatBot.Bot.Features.Mediation;
using ChatBot.Cards;
using ChatBot.Cards.Study;
using ChatBot.Storage.Study;

namespace ChatBot.Bot.Features.Study;

/// <summary>
/// 学法台账: the year's held sessions and each person's hours and exams, as a two-sheet .xlsx ready to print. The
/// figures are the ones 学时统计 and 考试统计 show (the same <see cref="StudyLedgerYear"/>).
/// </summary>
internal static class StudyLedgerWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string[] SessionHeaders(Lang lang) =>
    [
        lang.T("序号", "No."), lang.T("日期", "Date"), lang.T("时间", "Time"), lang.T("学习主题", "Topic"), lang.T("学习法律法规", "Law"),
        lang.T("形式", "Format"), lang.T("主讲人", "Presenter"), lang.T("应到人数", "Expected"), lang.T("实到人数", "Attended"),
        lang.T("到课率", "Attendance rate"), lang.T("学时", "Hours"),
    ];

    public static string[] PeopleHeaders(Lang lang) =>
    [
        lang.T("序号", "No."), lang.T("姓名", "Name"), lang.T("参学次数", "Sessions attended"), lang.T("学时", "Hours"), lang.T("年度目标学时", "Yearly target"),
        lang.T("是否达标", "Target met"), lang.T("考试成绩(最好)", "Best exam score"), lang.T("参考次数", "Exam attempts"), lang.T("等次", "Grade"),
        lang.T("缺考场次", "Exams missed"),
    ];

    public static string SessionsSheetName(Lang lang) => lang.T("学法活动", "Sessions");
    public static string PeopleSheetName(Lang lang) => lang.T("个人学时与成绩", "Per person");

    public static byte[] Build(Lang lang, StudyLedgerYear ledger, double target, string workspaceName, DateOnly today) =>
        PrintableSheet.ToXlsx([Sessions(lang, ledger, workspaceName, today), People(lang, ledger, target, workspaceName, today)]);

    private static string Subtitle(Lang lang, string workspaceName, DateOnly today, string what) =>
        lang.T($"单位:{workspaceName}    {what}    导出日期:{today:yyyy-MM-dd}", $"Group: {workspaceName}    {what}    Exported {today:yyyy-MM-dd}");

    private static PrintableSheet Sessions(Lang lang, StudyLedgerYear ledger, string workspaceName, DateOnly today)
    {
        var h = SessionHeaders(lang);
        double[] widths = [6, 12, 13, 30, 22, 12, 16, 9, 9, 9, 8];
        PrintableSheet.Kind[] kinds =
        [
            PrintableSheet.Kind.Integer, PrintableSheet.Kind.Date, PrintableSheet.Kind.Text, PrintableSheet.Kind.Text, PrintableSheet.Kind.Text,
            PrintableSheet.Kind.Text, PrintableSheet.Kind.Text, PrintableSheet.Kind.Integer, PrintableSheet.Kind.Integer,
            PrintableSheet.Kind.Percent, PrintableSheet.Kind.Decimal,
        ];
        var total = ledger.Held.Sum(StudyLedger.HoursOf);
        var sheet = new PrintableSheet(SessionsSheetName(lang), lang.T($"{ledger.Year}年度学法活动台账", $"Law study sessions {ledger.Year}"),
            Subtitle(lang, workspaceName, today, lang.T($"已举行 {ledger.Held.Count} 次,共 {StudyLedgerText.Hours(total)} 学时", $"{English.Count(ledger.Held.Count, "session")} held, {StudyLedgerText.Hours(total)} h in all")),
            h.Select((header, i) => new PrintableSheet.Column(header, widths[i], kinds[i])).ToList());
        var no = 0;
        foreach (var o in ledger.Held)
        {
            var expected = o.Session.ExpectedParticipants.Count;
            var attended = ledger.Attendance.GetValueOrDefault((o.Session.Id, o.Date));
            sheet.AddRow(++no, DateOnly.FromDateTime(o.LocalStart), $"{o.LocalStart:HH:mm}–{o.LocalEnd:HH:mm}", o.Session.Title, o.Session.Law,
                StudyText.FormatName(lang, o.Session.Format), o.Session.Presenter ?? "",
                expected > 0 ? expected : null, attended, expected > 0 ? (double)attended / expected : null, StudyLedger.HoursOf(o));
        }
        return sheet;
    }

    private static PrintableSheet People(Lang lang, StudyLedgerYear ledger, double target, string workspaceName, DateOnly today)
    {
        var h = PeopleHeaders(lang);
        double[] widths = [6, 14, 10, 9, 11, 9, 13, 9, 9, 9];
        PrintableSheet.Kind[] kinds =
        [
            PrintableSheet.Kind.Integer, PrintableSheet.Kind.Text, PrintableSheet.Kind.Integer, PrintableSheet.Kind.Decimal, PrintableSheet.Kind.Decimal,
            PrintableSheet.Kind.Text, PrintableSheet.Kind.Decimal, PrintableSheet.Kind.Integer, PrintableSheet.Kind.Text, PrintableSheet.Kind.Integer,
        ];
        var below = ledger.People.Count(p => p.Hours < target);
        var sheet = new PrintableSheet(PeopleSheetName(lang), lang.T($"{ledger.Year}年度个人学法学时及考试成绩台账", $"Study hours and exam results per person {ledger.Year}"),
            Subtitle(lang, workspaceName, today, lang.T($"年度目标 {StudyLedgerText.Hours(target)} 学时,{ledger.People.Count} 人,未达标 {below} 人",
                $"yearly target {StudyLedgerText.Hours(target)} h, {English.Count(ledger.People.Count, "person", "people")}, {below} below target")),
            h.Select((header, i) => new PrintableSheet.Column(header, widths[i], kinds[i])).ToList());
        var no = 0;
        foreach (var p in ledger.People)
        {
            // The best counted score of the year's exams (the best sitting of each exam already counts); its grade.
            var best = p.Exams.Count == 0 ? (double?)null : p.Exams.Max(e => e.Counted);
            sheet.AddRow(++no, p.Name, p.Attended.Count, p.Hours, target, p.Hours >= target ? lang.T("是", "Yes") : lang.T("否", "No"),
                best, p.Exams.Count == 0 ? null : p.Exams.Sum(e => e.Attempts.Count),
                best is { } b ? StudyLedgerText.GradeName(lang, ledger.Grading.GradeOf(b)) : p.ExamsMissed.Count > 0 ? lang.T("缺考", "Absent") : "",
                p.ExamsMissed.Count);
        }
        return sheet;
    }
}
