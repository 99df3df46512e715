using ChatBot.Storage.Study;

namespace ChatBot.Cards.Study;

/// <summary>How the study feature names its formats, rules and times in both languages.</summary>
public static class StudyText
{
    public static readonly IReadOnlyList<(StudyFormat Format, string Zh, string En)> Formats =
    [
        (StudyFormat.Centralized, "集中学习", "Group study"),
        (StudyFormat.MeetingAsTraining, "以会代训", "Training at a meeting"),
        (StudyFormat.CaseExplanation, "以案释法", "Case-based explanation"),
        (StudyFormat.Lecture, "专题讲座", "Lecture"),
        (StudyFormat.Online, "网上学法", "Online study"),
        (StudyFormat.Exam, "考试", "Exam"),
        (StudyFormat.PreMeeting, "会前学法", "Pre-meeting study"),
        (StudyFormat.CourtHearing, "旁听庭审", "Court hearing"),
    ];

    /// <summary>Other names plans use for the same formats.</summary>
    private static readonly IReadOnlyList<(string Name, StudyFormat Format)> OtherNames =
    [
        ("集中学法", StudyFormat.Centralized), ("集中学习会", StudyFormat.Centralized), ("中心组学法", StudyFormat.Centralized),
        ("网络学法", StudyFormat.Online), ("线上学法", StudyFormat.Online), ("网上学习", StudyFormat.Online),
        ("讲座", StudyFormat.Lecture), ("法治讲座", StudyFormat.Lecture), ("专题辅导", StudyFormat.Lecture),
        ("以会代学", StudyFormat.MeetingAsTraining), ("案例教学", StudyFormat.CaseExplanation),
        ("旁听庭审活动", StudyFormat.CourtHearing), ("庭审旁听", StudyFormat.CourtHearing), ("法律考试", StudyFormat.Exam), ("学法考试", StudyFormat.Exam),
        ("group study", StudyFormat.Centralized), ("online", StudyFormat.Online), ("lecture", StudyFormat.Lecture),
        ("pre-meeting", StudyFormat.PreMeeting), ("before meeting", StudyFormat.PreMeeting), ("court hearing", StudyFormat.CourtHearing), ("exam", StudyFormat.Exam),
    ];

    public static string FormatName(Lang lang, StudyFormat format)
    {
        var f = Formats.First(x => x.Format == format);
        return lang.T(f.Zh, f.En);
    }

    /// <summary>The format, with the meeting for 会前学法: "会前学法(党委会)".</summary>
    public static string FormatOf(Lang lang, StudySession s) =>
        s.Format == StudyFormat.PreMeeting && !string.IsNullOrEmpty(s.Meeting) ? lang.T($"会前学法({s.Meeting})", $"Pre-meeting study ({s.Meeting})") : FormatName(lang, s.Format);

    /// <summary>A date with its weekday and times, before a session exists: "2026年3月6日(周五)15:00–16:30".</summary>
    public static string WhenOn(Lang lang, DateOnly d, TimeOnly start, int minutes) =>
        lang.T($"{lang.Date(d)}(周{ZhWeekdays[(int)d.DayOfWeek]}){start:HH:mm}–{start.AddMinutes(minutes):HH:mm}",
            $"{d:yyyy-MM-dd} ({d.DayOfWeek.ToString()[..3]}) {start:HH:mm}–{start.AddMinutes(minutes):HH:mm}");

    /// <summary>The materials of an occurrence: what the presenter gave for it, else the session's link.</summary>
    public static string? MaterialsOf(StudyOccurrence o) =>
        o.Session.MaterialsOn(o.Date) is { } m ? string.Join(" ", new[] { m.Link, m.Text }.Where(x => !string.IsNullOrEmpty(x))) : o.Session.MaterialsUrl;

    /// <summary>A format from its enum name, Chinese or English name (case-insensitive), or null.</summary>
    public static StudyFormat? ParseFormat(string? text)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t)) return null;
        foreach (var f in Formats)
            if (string.Equals(t, f.Format.ToString(), StringComparison.OrdinalIgnoreCase) || t == f.Zh || string.Equals(t, f.En, StringComparison.OrdinalIgnoreCase))
                return f.Format;
        foreach (var (name, format) in OtherNames)
            if (string.Equals(t, name, StringComparison.OrdinalIgnoreCase)) return format;
        return null;
    }

    private static readonly string[] ZhWeekdays = ["日", "一", "二", "三", "四", "五", "六"];
    private static readonly string[] ZhNth = ["", "一", "二", "三", "四"];
    private static readonly string[] EnNth = ["", "first", "second", "third", "fourth"];

    /// <summary>"每月第一个周五 15:00–16:30" / "First Friday of every month, 15:00–16:30".</summary>
    public static string Rule(Lang lang, StudyRule rule)
    {
        var times = $"{rule.Start:HH:mm}–{rule.Start.AddMinutes(rule.DurationMinutes):HH:mm}";
        return rule.Kind switch
        {
            StudyRuleKind.NthWeekday => lang.T(
                $"每月{(rule.Nth == -1 ? "最后一个" : $"第{ZhNth[rule.Nth]}个")}周{ZhWeekdays[(int)rule.Weekday]} {times}",
                $"{(rule.Nth == -1 ? "Last" : Capitalise(EnNth[rule.Nth]))} {rule.Weekday} of every month, {times}"),
            StudyRuleKind.DayOfMonth => lang.T($"每月{rule.Day}日 {times}", $"Day {rule.Day} of every month, {times}"),
            _ => lang.T($"单次 {lang.Date(rule.Date!.Value)} {times}", $"Once, {rule.Date:yyyy-MM-dd} {times}"),
        };
    }

    /// <summary>"2026年4月3日(周五)15:00–16:30" / "2026-04-03 (Fri) 15:00–16:30".</summary>
    public static string When(Lang lang, StudyOccurrence o)
    {
        var d = DateOnly.FromDateTime(o.LocalStart);
        return lang.T($"{lang.Date(d)}(周{ZhWeekdays[(int)d.DayOfWeek]}){o.LocalStart:HH:mm}–{o.LocalEnd:HH:mm}",
            $"{d:yyyy-MM-dd} ({d.DayOfWeek.ToString()[..3]}) {o.LocalStart:HH:mm}–{o.LocalEnd:HH:mm}");
    }

    public static string Percent(double rate) => $"{Math.Round(rate * 100, MidpointRounding.AwayFromZero):0}%";

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
