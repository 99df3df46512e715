using System.Globalization;
using System.Text;
using ChatBot.Storage.Study;

namespace ChatBot.Cards.Study;

/// <summary>The per-person and per-exam figures as chat text (markdown lists), in both languages.</summary>
public static class StudyLedgerText
{
    public static string Hours(double hours) => hours.ToString("0.##", CultureInfo.InvariantCulture);

    public static string GradeName(Lang lang, StudyGrade grade) => grade switch
    {
        StudyGrade.Excellent => lang.T("优秀", "Excellent"),
        StudyGrade.Good => lang.T("良好", "Good"),
        StudyGrade.Pass => lang.T("合格", "Pass"),
        _ => lang.T("不合格", "Fail"),
    };

    public static string MethodName(Lang lang, StudySignInMethod method) =>
        method == StudySignInMethod.Meeting ? lang.T("自动签到(会议)", "auto sign-in (meeting)") : lang.T("签到", "signed in");

    private static string Score(double s) => s.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Day(StudyOccurrence o) => DateOnly.FromDateTime(o.LocalStart).ToString("MM-dd", CultureInfo.InvariantCulture);

    /// <summary>One exam result: "92 良好(第1次 55,第2次 92)".</summary>
    public static string Result(Lang lang, StudyExamResult r)
    {
        var line = $"{Score(r.Counted)} {GradeName(lang, r.Grade)}";
        if (r.Attempts.Count > 1)
            line += lang.T($"({string.Join(",", r.Attempts.Select(a => $"第{a.Attempt}次 {Score(a.Score)}"))})",
                $" ({string.Join(", ", r.Attempts.Select(a => $"attempt {a.Attempt}: {Score(a.Score)}"))})");
        return line;
    }

    /// <summary>我的学法 / 学法档案: sessions with hours, the total against the target, exam results.</summary>
    public static string Person(Lang lang, int year, string name, StudyPersonRecord? p, double target)
    {
        var sb = new StringBuilder();
        var hours = p?.Hours ?? 0;
        sb.Append(lang.T($"**{name} {year}年学法情况**\n\n", $"**{name}: law study in {year}**\n\n"));
        sb.Append(lang.T($"学时:{Hours(hours)} / 目标 {Hours(target)}", $"Study hours: {Hours(hours)} of a {Hours(target)} target"));
        sb.Append(hours >= target ? lang.T("(已达标)", " (target met)") : lang.T($"(还差 {Hours(target - hours)})", $" ({Hours(target - hours)} to go)"));
        var attended = p?.Attended ?? [];
        if (attended.Count == 0) sb.Append(lang.T("\n\n参加学法:暂无记录。", "\n\nSessions attended: none recorded."));
        else
        {
            sb.Append(lang.T($"\n\n参加学法 {attended.Count} 次:\n", $"\n\nSessions attended ({attended.Count}):\n"));
            foreach (var a in attended)
                sb.Append($"\n- {Day(a.Occurrence)} {a.Occurrence.Session.Title}:").Append(lang.T($"{Hours(a.Hours)}学时({MethodName(lang, a.Attendance.Method)})",
                    $" {Hours(a.Hours)} h ({MethodName(lang, a.Attendance.Method)})"));
        }
        var exams = p?.Exams ?? [];
        var missed = p?.ExamsMissed ?? [];
        if (exams.Count == 0 && missed.Count == 0) sb.Append(lang.T("\n\n考试:暂无成绩。", "\n\nExams: no results."));
        else
        {
            sb.Append(lang.T("\n\n考试:\n", "\n\nExams:\n"));
            foreach (var r in exams) sb.Append($"\n- {Day(r.Exam)} {r.Exam.Session.Title}:").Append(lang.T("", " ")).Append(Result(lang, r));
            foreach (var m in missed) sb.Append($"\n- {Day(m)} {m.Session.Title}:").Append(lang.T("缺考", " absent"));
        }
        return sb.ToString();
    }

    /// <summary>学时统计: everyone's hours, most first, then those below the target.</summary>
    public static string HoursTable(Lang lang, StudyLedgerYear ledger, double target)
    {
        var sb = new StringBuilder(lang.T($"**{ledger.Year}年学时统计**(年度目标 {Hours(target)} 学时)\n",
            $"**Study hours {ledger.Year}** (yearly target {Hours(target)} h)\n"));
        if (ledger.People.Count == 0) return sb.Append(lang.T("\n暂无学法记录。", "\nNo study recorded yet.")).ToString();
        foreach (var p in ledger.People)
            sb.Append($"\n- {p.Name}:").Append(lang.T($"{Hours(p.Hours)}学时,参学{p.Attended.Count}次", $" {Hours(p.Hours)} h, {English.Count(p.Attended.Count, "session")}"));
        var below = ledger.People.Where(p => p.Hours < target).OrderBy(p => p.Hours).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
        sb.Append("\n\n").Append(below.Count == 0
            ? lang.T("全部达标。", "Everyone has reached the target.")
            : lang.T($"未达标 {below.Count} 人:", $"Below target ({below.Count}): ") + string.Join(lang.T("、", ", "), below.Select(p => $"{p.Name}({Hours(p.Hours)})")));
        return sb.ToString();
    }

    private static readonly StudyGrade[] Grades = [StudyGrade.Excellent, StudyGrade.Good, StudyGrade.Pass, StudyGrade.Fail];

    private static string Distribution(Lang lang, Func<StudyGrade, int> count) =>
        string.Join(lang.T(",", ", "), Grades.Select(g => lang.T($"{GradeName(lang, g)}{count(g)}人", $"{GradeName(lang, g)} {count(g)}")));

    /// <summary>考试统计: each exam's sitters, absentees, pass rate and grades, then the year's.</summary>
    public static string ExamTable(Lang lang, StudyLedgerYear ledger)
    {
        var sb = new StringBuilder(lang.T($"**{ledger.Year}年学法考试统计**\n", $"**Law exams {ledger.Year}**\n"));
        if (ledger.Exams.Count == 0) return sb.Append(lang.T("\n暂无考试成绩。", "\nNo exam results yet.")).ToString();
        foreach (var e in ledger.Exams)
        {
            sb.Append($"\n- {Day(e.Exam)} {e.Exam.Session.Title}:");
            sb.Append(lang.T($"参考{e.Sat}人,缺考{e.Absent.Count}人,合格{e.Passed}人,合格率{(e.PassRate is { } r ? StudyText.Percent(r) : "—")};",
                $" {e.Sat} sat, {e.Absent.Count} absent, {e.Passed} passed, pass rate {(e.PassRate is { } r2 ? StudyText.Percent(r2) : "—")}; "));
            sb.Append(Distribution(lang, e.Count));
        }
        sb.Append("\n\n").Append(lang.T($"全年:参考{ledger.Sat}人次,合格{ledger.Passed}人次,合格率{(ledger.PassRate is { } y ? StudyText.Percent(y) : "—")};",
            $"Year: {ledger.Sat} sittings, {ledger.Passed} passed, pass rate {(ledger.PassRate is { } y2 ? StudyText.Percent(y2) : "—")}; "));
        sb.Append(Distribution(lang, ledger.Count));
        return sb.ToString();
    }

    /// <summary>补考名单: per exam, who failed with sittings left and who was absent.</summary>
    public static string MakeUpTable(Lang lang, StudyLedgerYear ledger)
    {
        var list = ledger.MakeUpList();
        var sb = new StringBuilder(lang.T($"**{ledger.Year}年补考名单**\n", $"**Make-up list {ledger.Year}**\n"));
        if (list.Count == 0) return sb.Append(lang.T("\n没有需要补考的人员。", "\nNobody needs a make-up.")).ToString();
        foreach (var exam in list.GroupBy(m => m.Exam))
        {
            sb.Append($"\n- #{exam.Key.Session.Id} {exam.Key.Date:yyyy-MM-dd} {exam.Key.Session.Title}:");
            sb.Append(string.Join(lang.T("、", ", "), exam.Select(m => m.Counted is { } c
                ? lang.T($"{m.Name}({Score(c)}分,已考{m.Attempts}次)", $"{m.Name} ({Score(c)}, {m.Attempts} sat)")
                : lang.T($"{m.Name}(缺考)", $"{m.Name} (absent)"))));
        }
        return sb.ToString();
    }
}
