using System.Text.RegularExpressions;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Storage.Study;

namespace ChatBot.Bot.Features.Study;

/// <summary>
/// Reads when a session takes place, as people write it: "每月第一个周五 15:00", "每月最后一个周四 14:30",
/// "每月15日 09:30", "每月15号上午9点半", "first Friday of every month 15:00", "last Thursday of every month at 2:30pm",
/// "15th of every month 09:30", or one-off "2026-04-03 15:00", "4月3日 15:00". An end time may follow ("15:00-16:30").
/// </summary>
internal static partial class StudyRuleParser
{
    public sealed record Result(StudyRule? Rule, string? ErrorZh = null, string? ErrorEn = null, bool EndGiven = false)
    {
        public bool Ok => Rule is not null;
    }

    public static Result Parse(string input, DateOnly today)
    {
        var s = Recognizers.ToHalfWidth(input).Trim().ToLowerInvariant().Replace('：', ':');
        s = Spaces().Replace(s, " ");
        if (s.Length == 0) return Fail();

        StudyRule? rule = null;
        string timeText;
        Match m;
        if ((m = ZhNthWeekday().Match(s)).Success)
        {
            rule = new StudyRule { Kind = StudyRuleKind.NthWeekday, Nth = m.Groups["last"].Success ? -1 : Ordinal(m.Groups["n"].Value), Weekday = ZhWeekday(m.Groups["wd"].Value) };
            timeText = m.Groups["time"].Value;
        }
        else if ((m = ZhDayOfMonth().Match(s)).Success)
        {
            rule = new StudyRule { Kind = StudyRuleKind.DayOfMonth, Day = Ordinal(m.Groups["d"].Value) };
            timeText = m.Groups["time"].Value;
        }
        else if ((m = EnNthWeekday().Match(s)).Success)
        {
            rule = new StudyRule { Kind = StudyRuleKind.NthWeekday, Nth = EnOrdinal(m.Groups["n"].Value), Weekday = Enum.Parse<DayOfWeek>(m.Groups["wd"].Value, true) };
            timeText = m.Groups["time"].Value;
        }
        else if ((m = EnDayOfMonth().Match(s)).Success || (m = EnDayOfMonth2().Match(s)).Success)
        {
            rule = new StudyRule { Kind = StudyRuleKind.DayOfMonth, Day = int.Parse(m.Groups["d"].Value) };
            timeText = m.Groups["time"].Value;
        }
        else if ((m = OneOffDate().Match(s)).Success && Recognizers.TryParseDate(m.Groups["date"].Value, today, out var date))
        {
            rule = new StudyRule { Kind = StudyRuleKind.Once, Date = date };
            timeText = m.Groups["time"].Value;
        }
        else
        {
            var space = s.IndexOf(' ');
            if (space > 0 && Recognizers.TryParseDate(s[..space], today, out var d2))
            {
                rule = new StudyRule { Kind = StudyRuleKind.Once, Date = d2 };
                timeText = s[(space + 1)..];
            }
            else return Fail();
        }

        if (rule.Kind == StudyRuleKind.NthWeekday && rule.Nth is not (>= 1 and <= 4 or -1))
            return new Result(null, "每月第几个只能是第一至第四个,或“最后一个”。", "The week in the month must be first to fourth, or last.");
        if (rule.Kind == StudyRuleKind.DayOfMonth && rule.Day is < 1 or > 31)
            return new Result(null, "每月的日期应在1日到31日之间。", "The day of the month must be between 1 and 31.");
        if (!TryParseTimes(timeText, out var start, out var end))
            return new Result(null, "还需要开始时间,例如“每月第一个周五 15:00”或“4月3日 下午3点”。",
                "Please add a start time, e.g. \"first Friday of every month 15:00\" or \"2026-04-03 15:00\".");
        rule.Start = start;
        if (end is { } e)
        {
            var minutes = (int)(e.ToTimeSpan() - start.ToTimeSpan()).TotalMinutes;
            if (minutes <= 0) return new Result(null, "结束时间应晚于开始时间。", "The end time must be after the start time.");
            rule.DurationMinutes = minutes;
        }
        return new Result(rule, EndGiven: end is not null);
    }

    /// <summary>"15:00", "at 2:30pm", "上午9点半", "15:00-16:30", "15:00至16:30".</summary>
    public static bool TryParseTimes(string text, out TimeOnly start, out TimeOnly? end)
    {
        start = default;
        end = null;
        var t = text.Trim().Trim(',', ',', '的').Trim();
        if (t.StartsWith("at ")) t = t[3..];
        var parts = RangeSeparator().Split(t, 2);
        if (!Recognizers.TryParseTime(parts[0].Replace(" ", ""), out start)) return false;
        if (parts.Length == 2)
        {
            var endText = parts[1].Replace(" ", "");
            // "下午3点-5点": the end inherits the afternoon.
            if (!Recognizers.TryParseTime(endText, out var e)) return false;
            if (e < start && e.Hour < 12 && start.Hour >= 12) e = e.AddHours(12);
            end = e;
        }
        return true;
    }

    private static Result Fail() => new(null,
        "没看懂时间安排。可以这样写:“每月第一个周五 15:00”“每月最后一个周四 14:30”“每月15日 09:30”,单次活动写“2026-04-03 15:00”或“4月3日 15:00”。",
        "I couldn't read the schedule. Try \"first Friday of every month 15:00\", \"last Thursday of every month at 2:30pm\", \"15th of every month 09:30\", or one-off \"2026-04-03 15:00\".");

    private static int Ordinal(string s) => int.TryParse(s, out var n) ? n : Recognizers.TryParseChineseInteger(s, out var c) ? c : 0;

    private static int EnOrdinal(string s) => s switch
    {
        "first" or "1st" => 1,
        "second" or "2nd" => 2,
        "third" or "3rd" => 3,
        "fourth" or "4th" => 4,
        "last" => -1,
        _ => 0,
    };

    private static DayOfWeek ZhWeekday(string s) => s switch
    {
        "一" or "1" => DayOfWeek.Monday,
        "二" or "2" => DayOfWeek.Tuesday,
        "三" or "3" => DayOfWeek.Wednesday,
        "四" or "4" => DayOfWeek.Thursday,
        "五" or "5" => DayOfWeek.Friday,
        "六" or "6" => DayOfWeek.Saturday,
        _ => DayOfWeek.Sunday,
    };

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
    [GeneratedRegex(@"\s*(?:-|~|至|到|—)\s*")]
    private static partial Regex RangeSeparator();
    [GeneratedRegex(@"^每个?月\s*的?\s*(?:第\s*(?<n>[一二三四五\d])\s*个?|(?<last>最后)\s*一?\s*个?)\s*(?:周|星期|礼拜)(?<wd>[一二三四五六日天1-7])\s*(?<time>.*)$")]
    private static partial Regex ZhNthWeekday();
    [GeneratedRegex(@"^每个?月\s*的?\s*(?<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]\s*(?<time>.*)$")]
    private static partial Regex ZhDayOfMonth();
    [GeneratedRegex(@"^(?:(?:on\s+)?the\s+|every\s+)?(?<n>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+(?<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+(?:of\s+)?(?:every|each)\s+month\s*,?\s*(?<time>.*)$")]
    private static partial Regex EnNthWeekday();
    [GeneratedRegex(@"^(?:on\s+)?(?:the\s+)?(?<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:day\s+)?(?:of\s+)?(?:every|each)\s+month\s*,?\s*(?<time>.*)$")]
    private static partial Regex EnDayOfMonth();
    [GeneratedRegex(@"^(?:every|each)\s+month\s+on\s+the\s+(?<d>\d{1,2})(?:st|nd|rd|th)?\s*,?\s*(?<time>.*)$")]
    private static partial Regex EnDayOfMonth2();
    [GeneratedRegex(@"^(?<date>\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*[日号]?|\d{1,2}\s*月\s*\d{1,2}\s*[日号]?)\s*(?<time>.*)$")]
    private static partial Regex OneOffDate();
}
