using System.Globalization;
using System.Text.RegularExpressions;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Bot.Features.PlanTasks.Import;
using ChatBot.Cards.Study;
using ChatBot.Storage.Study;

namespace ChatBot.Bot.Features.Study.Plan;

/// <summary>
/// Reads a yearly study plan (学法计划) table: pasted text (tab, "|", comma or space separated, one row a line) or the
/// rows of an .xlsx/.csv. A header row names the columns (月份, 主题, 法律法规, 形式, 主讲人, 参学人员, 日期/时间, 时长, 会议 —
/// or English); without one the columns are taken in that order. A title line above the table may give the year
/// ("2026年度学法计划"). Rows it cannot use are listed with the reason; nothing about them is guessed.
/// </summary>
internal static partial class StudyPlanTable
{
    public sealed record Context(int DefaultYear, StudyRule UsualRule, int PreMeetingMinutes, DateTimeOffset NowUtc, TimeZoneInfo Zone,
        IReadOnlyDictionary<string, string> MemberKeysByName);

    private static readonly (string Field, string[] Names)[] Columns =
    [
        ("month", ["月份", "月", "month"]),
        ("title", ["主题", "学习主题", "学法主题", "专题", "内容", "topic", "title"]),
        ("law", ["法律法规", "学习法律", "所学法律", "学习内容", "法律", "法规", "law"]),
        ("format", ["形式", "学习形式", "学法形式", "方式", "format"]),
        ("presenter", ["主讲人", "主讲单位", "主讲人/单位", "主讲人/主讲单位", "主讲", "授课人", "领学人", "presenter", "speaker"]),
        ("expected", ["参学人员", "参加人员", "应参学人员", "参学对象", "参加对象", "participants", "expected", "attendees"]),
        ("when", ["日期", "时间", "日期时间", "具体时间", "学习时间", "date", "time", "when"]),
        ("length", ["时长", "学时", "时长(分钟)", "length", "duration", "minutes"]),
        ("meeting", ["会议", "所附会议", "会前会议", "meeting"]),
    ];
    private static readonly string[] DefaultOrder = ["month", "title", "law", "format", "presenter", "expected", "when", "length", "meeting"];

    /// <summary>Pasted text as numbered rows of cells (line numbers counted from the first line of the text).</summary>
    public static List<(int Number, List<string> Cells)> Split(string text)
    {
        var rows = new List<(int, List<string>)>();
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = Recognizers.ToHalfWidth(AtTags().Replace(lines[i], "$1")).Trim();
            if (line.Length == 0) continue;
            List<string> cells;
            if (line.Contains('\t')) cells = line.Split('\t').ToList();
            else if (line.Contains('|'))
            {
                if (MarkdownRule().IsMatch(line)) continue; // |---|---| under a markdown header
                cells = line.Trim('|').Split('|').ToList();
            }
            else if (line.Contains(',')) cells = line.Split(',').ToList();
            else if (TwoSpaces().IsMatch(line)) cells = TwoSpaces().Split(line).ToList();
            else cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            rows.Add((i + 1, cells.Select(c => c.Trim()).ToList()));
        }
        return rows;
    }

    public static StudyPlanImport Read(IReadOnlyList<(int Number, List<string> Cells)> rows, Context c)
    {
        var result = new StudyPlanImport { Year = c.DefaultYear, UsualRule = c.UsualRule };
        Dictionary<string, int>? index = null;
        var seen = new Dictionary<string, int>();
        var drafts = new List<(int Number, List<string> Cells)>();
        foreach (var (number, cells) in rows)
        {
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            if (HeaderIndex(cells) is { } header) { index = header; continue; }
            // A title above the table ("2026年度法治学习计划") gives the year; it is not a session.
            if (index is null && drafts.Count == 0 && cells.Count(x => x.Length > 0) == 1)
            {
                if (TitleYear().Match(cells.First(x => x.Length > 0)) is { Success: true } y) result.Year = int.Parse(y.Groups[1].Value);
                continue;
            }
            drafts.Add((number, cells));
        }
        index ??= DefaultOrder.Select((f, i) => (f, i)).ToDictionary(x => x.f, x => x.i);
        foreach (var (number, cells) in drafts)
        {
            string Cell(string field) => index.TryGetValue(field, out var i) && i < cells.Count ? cells[i].Trim() : "";
            var row = ReadRow(number, Cell, result, c, out var problem);
            if (row is null)
            {
                result.Problems.Add(problem!);
                continue;
            }
            if (seen.TryGetValue(row.Key, out var first))
            {
                result.Problems.Add(new($"第{number}行:与第{first}行是同一月份的同一主题,未重复导入。", $"Row {number}: the same month and topic as row {first}; not imported twice."));
                continue;
            }
            seen[row.Key] = number;
            result.Rows.Add(row);
        }
        return result;
    }

    private static StudyPlanRow? ReadRow(int n, Func<string, string> cell, StudyPlanImport plan, Context c, out ImportProblem? problem)
    {
        problem = null;
        ImportProblem Fail(string zh, string en) => new($"第{n}行:{zh}", $"Row {n}: {en}");

        var title = cell("title");
        if (title.Length == 0) { problem = Fail("没有学习主题。", "no topic."); return null; }
        if (title.Length > StudySessionDraft.MaxTitle) { problem = Fail($"主题超过{StudySessionDraft.MaxTitle}个字。", $"the topic is longer than {StudySessionDraft.MaxTitle} characters."); return null; }
        if (!TryMonth(cell("month"), out var year, out var month, out var dayInMonthCell))
        {
            problem = Fail($"月份“{cell("month")}”无法识别(可写 3、3月、三月、2026年3月)。", $"month \"{cell("month")}\" not understood (write 3, 3月, 三月 or March).");
            return null;
        }
        year ??= plan.Year;

        var formatText = cell("format");
        var meeting = cell("meeting");
        StudyFormat format;
        if (formatText.Length == 0) format = StudyFormat.Centralized;
        else if (PreMeeting().Match(formatText) is { Success: true } pm)
        {
            format = StudyFormat.PreMeeting;
            var named = (pm.Groups["before"].Value + pm.Groups["after"].Value).Trim(' ', '(', ')', '-', '·', ':', '/', '—');
            if (meeting.Length == 0) meeting = named;
        }
        else if (StudyText.ParseFormat(formatText) is { } f) format = f;
        else
        {
            problem = Fail($"学法形式“{formatText}”无法识别(集中学法、专题讲座、会前学法、旁听庭审、网络学法、以案释法、考试)。",
                $"format \"{formatText}\" not understood (集中学法, 专题讲座, 会前学法, 旁听庭审, 网络学法, 以案释法, 考试).");
            return null;
        }
        var presenter = cell("presenter").Trim('@', ' ');
        if (format == StudyFormat.PreMeeting && meeting.Length == 0) { problem = Fail("会前学法请写明所附会议,如“会前学法(党委会)”。", "a pre-meeting study needs its meeting, e.g. \"会前学法(党委会)\"."); return null; }
        if (format == StudyFormat.PreMeeting && presenter.Length == 0) { problem = Fail("会前学法需要主讲人。", "a pre-meeting study needs a presenter."); return null; }

        // The day: from the month cell ("3月12日"), the date/time cell, or the usual day.
        int? day = dayInMonthCell;
        TimeOnly? time = null;
        int? minutesFromRange = null;
        var when = cell("when");
        if (when.Length > 0)
        {
            if (!TryWhen(when, year.Value, month, out var whenDay, out time, out minutesFromRange, out var whenError))
            {
                problem = Fail(whenError!.Value.Zh, whenError.Value.En);
                return null;
            }
            day = whenDay ?? day;
        }
        if (day is { } d && (d < 1 || d > DateTime.DaysInMonth(year.Value, month)))
        {
            problem = Fail($"{month}月没有{d}日。", $"{CultureInfo.GetCultureInfo("en-US").DateTimeFormat.GetMonthName(month)} has no day {d}.");
            return null;
        }
        var date = day is { } dd ? new DateOnly(year.Value, month, dd) : StudySchedule.DateInMonth(plan.UsualRule, year.Value, month)!.Value;
        var start = time ?? plan.UsualRule.Start;

        int minutes;
        var lengthText = cell("length");
        if (lengthText.Length > 0)
        {
            if (TryLength(lengthText) is not { } m) { problem = Fail($"时长“{lengthText}”无法识别(如 30分钟、1.5小时)。", $"length \"{lengthText}\" not understood (e.g. 30 minutes, 1.5 hours)."); return null; }
            minutes = m;
        }
        else minutes = minutesFromRange ?? (format == StudyFormat.PreMeeting ? c.PreMeetingMinutes : plan.UsualRule.DurationMinutes);
        if (start.ToTimeSpan().TotalMinutes + minutes > 24 * 60) { problem = Fail("结束时间超过了当天。", "it would end after midnight."); return null; }

        if (StudySchedule.ToUtc(date.ToDateTime(start), c.Zone) <= c.NowUtc)
        {
            problem = Fail($"{date:yyyy-MM-dd} {start:HH:mm} 已经过去,未导入。", $"{date:yyyy-MM-dd} {start:HH:mm} has passed; not imported.");
            return null;
        }
        var law = cell("law");
        if (law.Length == 0) law = BookTitle().Match(title) is { Success: true } b ? b.Groups[1].Value : title;
        if (law.Length > StudySessionDraft.MaxTitle) law = law[..StudySessionDraft.MaxTitle];
        return new StudyPlanRow
        {
            Row = n, Month = month, Title = title, Law = law, Format = format, Meeting = meeting.Length > 0 ? meeting : null,
            Presenter = presenter.Length > 0 ? presenter : null,
            PresenterUserKey = presenter.Length > 0 && c.MemberKeysByName.TryGetValue(presenter, out var key) ? key : null,
            Expected = StudySessionDraft.SplitNames(cell("expected")), Date = date, Start = start, Minutes = minutes, DayAssumed = day is null,
        };
    }

    private static Dictionary<string, int>? HeaderIndex(List<string> cells)
    {
        var index = new Dictionary<string, int>();
        for (var i = 0; i < cells.Count; i++)
        {
            var name = Normalise(cells[i]);
            foreach (var (field, names) in Columns)
                if (!index.ContainsKey(field) && names.Any(x => Normalise(x) == name)) { index[field] = i; break; }
        }
        return index.ContainsKey("title") && index.Count >= 2 ? index : null;
    }

    private static string Normalise(string s) => new string(s.Where(ch => !char.IsWhiteSpace(ch)).ToArray()).ToLowerInvariant();

    /// <summary>"3", "3月", "三月", "十二月份", "2026年3月", "3月12日", "2026-03-12", "March" → month (and year, day when written).</summary>
    public static bool TryMonth(string text, out int? year, out int month, out int? day)
    {
        year = null; month = 0; day = null;
        var s = text.Trim().Replace(" ", "");
        if (s.Length == 0) return false;
        var m = FullDate().Match(s);
        if (m.Success)
        {
            year = int.Parse(m.Groups["y"].Value);
            month = int.Parse(m.Groups["m"].Value);
            day = int.Parse(m.Groups["d"].Value);
            return month is >= 1 and <= 12;
        }
        m = MonthCell().Match(s);
        if (m.Success && Number(m.Groups["m"].Value) is { } mm and >= 1 and <= 12)
        {
            if (m.Groups["y"].Success) year = int.Parse(m.Groups["y"].Value);
            month = mm;
            if (m.Groups["d"].Success) day = Number(m.Groups["d"].Value);
            return !m.Groups["d"].Success || day is not null;
        }
        foreach (var format in new[] { "MMMM", "MMM" })
            if (DateTime.TryParseExact(s.TrimEnd('.'), format, CultureInfo.GetCultureInfo("en-US"), DateTimeStyles.None, out var dt)) { month = dt.Month; return true; }
        return false;
    }

    /// <summary>The date/time cell: "3月12日 15:00", "2026-03-12 14:30-16:00", "12日", "15:00". A day outside the month is an error.</summary>
    private static bool TryWhen(string text, int year, int month, out int? day, out TimeOnly? time, out int? minutes, out (string Zh, string En)? error)
    {
        day = null; time = null; minutes = null; error = null;
        var s = WeekdayNote().Replace(text.Trim(), " ").Trim();
        var bad = ($"日期时间“{text}”无法识别(如 3月12日 15:00)。", $"date/time \"{text}\" not understood (e.g. 2026-03-12 15:00).");
        var m = WhenDate().Match(s);
        if (m.Success && m.Length > 0)
        {
            var y = m.Groups["y"].Success ? int.Parse(m.Groups["y"].Value) : year;
            var mo = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value) : month;
            var d = int.Parse(m.Groups["d"].Value);
            if (y != year || mo != month)
            {
                error = ($"日期“{text}”不在{month}月。", $"date \"{text}\" is not in month {month}.");
                return false;
            }
            if (d < 1 || d > DateTime.DaysInMonth(year, month))
            {
                error = ($"日期“{text}”无效({month}月没有{d}日)。", $"date \"{text}\" does not exist.");
                return false;
            }
            day = d;
            s = s[m.Length..].Trim();
        }
        if (s.Length == 0) return true;
        if (!StudyRuleParser.TryParseTimes(s, out var start, out var end)) { error = bad; return false; }
        time = start;
        if (end is { } e)
        {
            var span = (int)(e.ToTimeSpan() - start.ToTimeSpan()).TotalMinutes;
            if (span <= 0) { error = ($"“{text}”的结束时间早于开始时间。", $"\"{text}\" ends before it starts."); return false; }
            minutes = span;
        }
        return true;
    }

    /// <summary>"30分钟", "1.5小时", "2学时", "90", "1.5" (small bare numbers are hours) → minutes, 5 to 480.</summary>
    public static int? TryLength(string text)
    {
        var m = Length().Match(text.Trim().ToLowerInvariant());
        if (!m.Success || !double.TryParse(m.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)) return null;
        var unit = m.Groups["u"].Value;
        var minutes = unit.StartsWith('分') || unit.StartsWith("min") ? n
            : unit.Length > 0 ? n * 60
            : n < 10 ? n * 60 : n;
        return minutes is >= 5 and <= 480 ? (int)Math.Round(minutes) : null;
    }

    private static int? Number(string s) => int.TryParse(s, out var n) ? n : Recognizers.TryParseChineseInteger(s, out var c) ? c : null;

    [GeneratedRegex(@"<at[^>]*>(.*?)</at>")]
    private static partial Regex AtTags();
    [GeneratedRegex(@"^\|?\s*:?-{2,}")]
    private static partial Regex MarkdownRule();
    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex TwoSpaces();
    [GeneratedRegex(@"((?:19|20)\d\d)\s*年")]
    private static partial Regex TitleYear();
    [GeneratedRegex(@"^(?<y>\d{4})[-/.年](?<m>\d{1,2})[-/.月](?<d>\d{1,2})[日号]?$")]
    private static partial Regex FullDate();
    [GeneratedRegex(@"^(?:(?<y>\d{4})年)?(?<m>\d{1,2}|[一二三四五六七八九十]{1,3})(?:月份?)?(?:(?<d>\d{1,2}|[一二三四五六七八九十]{1,3})[日号])?$")]
    private static partial Regex MonthCell();
    [GeneratedRegex(@"^(?:(?:(?<y>\d{4})\s*[-/.年]\s*)?(?<m>\d{1,2})\s*[-/.月]\s*)?(?<d>\d{1,2})\s*[日号](?!\d)|^(?<y>\d{4})\s*[-/.]\s*(?<m>\d{1,2})\s*[-/.]\s*(?<d>\d{1,2})|^(?<m>\d{1,2})\s*[/.]\s*(?<d>\d{1,2})(?![:\d])|^(?<m>\d{1,2})月(?<d>\d{1,2})(?![:\d])")]
    private static partial Regex WhenDate();
    [GeneratedRegex(@"[(]?(?:周|星期|礼拜)[一二三四五六日天][)]?")]
    private static partial Regex WeekdayNote();
    [GeneratedRegex(@"^(?<before>.*?)会前学法(?<after>.*)$")]
    private static partial Regex PreMeeting();
    [GeneratedRegex(@"《([^》]+)》")]
    private static partial Regex BookTitle();
    [GeneratedRegex(@"^(?<n>\d+(?:\.\d+)?)\s*(?<u>分钟|分|min|minutes|小时|个小时|h|hours?|学时)?$")]
    private static partial Regex Length();
}
