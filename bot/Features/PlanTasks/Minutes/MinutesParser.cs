using System.Text.RegularExpressions;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Bot.Features.PlanTasks.Import;

namespace ChatBot.Bot.Features.PlanTasks.Minutes;

/// <summary>
/// Reads the decisions (议定事项) of pasted meeting minutes (党委会, 镇长办公会, 现场办公会): each numbered item or
/// sentence that says who leads ("由综合执法办牵头", "司法所负责"), who supports ("派出所配合/协助"), by when ("于12月20日前",
/// "月底前") and what ("完成沿街商铺占道整治"). The header (title, 时间, 地点, 主持, 出席…) is read or skipped; any other
/// line is listed as not understood. A deadline without a year takes the meeting's year, or the next when that day
/// has passed at the meeting; an item without a deadline keeps none.
/// </summary>
internal static partial class MinutesParser
{
    private const char SentenceEnd = '\u0001';

    public static MinutesDraft Parse(string text, DateOnly today)
    {
        var draft = new MinutesDraft();
        // Sentences end at "。", which the half-width folding would turn into "." (also "1." of a numbered item): mark
        // them first. "…化解。(责任人:王所长)": the bracket after the full stop belongs to the sentence before it.
        var marked = text.Replace("。(", "(").Replace("。(", "(").Replace('。', SentenceEnd);
        var lines = Recognizers.ToHalfWidth(marked).Replace("\r", "").Split('\n').Select(l => l.Trim().TrimEnd(SentenceEnd).Trim()).Where(l => l.Length > 0).ToList();
        string? title = null;
        DateOnly? meetingDate = null;
        var segments = new List<string>();
        foreach (var line in lines)
        {
            if (title is null && segments.Count == 0 && TitleLine().IsMatch(line) && !Assigns(line)) { title = line; continue; }
            if (HeaderField().Match(line) is { Success: true } header)
            {
                if (header.Groups["key"].Value.StartsWith("时间") || header.Groups["key"].Value.StartsWith("日期"))
                    meetingDate = DeadlineParser.Parse(header.Groups["value"].Value, today.Year);
                continue;
            }
            if (Heading().IsMatch(line)) continue; // "会议议定事项如下:", "一、议定事项"
            // A line may hold several numbered items ("1.… 2.…") or several decisions in sentences.
            foreach (var part in ItemStart().Split(line).Select(p => p.Trim()).Where(p => p.Length > 0))
                segments.AddRange(part.Split(SentenceEnd, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        draft.MeetingDate = meetingDate ?? today;
        draft.Meeting = PlanName(title, draft.MeetingDate);
        foreach (var segment in segments)
        {
            if (Read(segment, draft.MeetingDate) is { } item) draft.Items.Add(item);
            else if (Boilerplate().IsMatch(segment)) continue;
            else draft.NotUnderstood.Add(segment.Length > 60 ? segment[..60] + "…" : segment);
        }
        return draft;
    }

    private static bool Assigns(string s) => Lead().IsMatch(s) || Responsible().IsMatch(s);

    private static MinutesItem? Read(string segment, DateOnly meetingDate)
    {
        var body = DecisionPrefix().Replace(segment, "").Trim().TrimEnd(';', ';', '。', '.');
        string lead = "";
        var rest = body;
        if (Lead().Match(rest) is { Success: true } l) { lead = l.Groups["unit"].Value; rest = rest.Remove(l.Index, l.Length); }
        else if (Responsible().Match(rest) is { Success: true } r) { lead = r.Groups["unit"].Value; rest = rest.Remove(r.Index, r.Length); }
        else return null;
        var support = new List<string>();
        if (Support().Match(rest) is { Success: true } s)
        {
            support = Units(s.Groups["units"].Value);
            rest = rest.Remove(s.Index, s.Length);
        }
        var owners = new List<string>();
        if (Owner().Match(rest) is { Success: true } o)
        {
            owners = Units(o.Groups["names"].Value);
            rest = rest.Remove(o.Index, o.Length);
        }
        DateOnly? due = null;
        if (Deadline().Match(rest) is { Success: true } d && DeadlineParser.Parse(d.Groups["when"].Value, meetingDate.Year) is { } parsed)
        {
            // "12月20日前" in minutes of 12月28日 means next year's.
            if (!YearGiven().IsMatch(d.Groups["when"].Value) && parsed < meetingDate) parsed = parsed.AddYears(1);
            due = parsed;
            rest = rest.Remove(d.Index, d.Length);
        }
        var title = Tidy(rest);
        if (title.Length == 0) return null;
        return new MinutesItem { Title = title, LeadUnit = Tidy(lead), SupportUnits = support, Owners = owners, DueDate = due, Source = segment };
    }

    private static List<string> Units(string s) =>
        UnitSeparator().Split(s).Select(Tidy).Where(u => u.Length > 0).Distinct().ToList();

    private static string Tidy(string s) => Spaces().Replace(s, "").Trim(',', ',', '、', ';', ';', ':', ':', '。', '.', ' ', '由', '并', '要', '在');

    private static string PlanName(string? title, DateOnly date)
    {
        if (title is null) return $"{date.Year}年{date.Month}月{date.Day}日会议议定事项";
        var name = title.Trim().TrimEnd(':', ':');
        name = name.EndsWith("纪要") ? name[..^2] : name;
        return name.EndsWith("议定事项") ? name : name + "议定事项";
    }

    [GeneratedRegex(@"(党委会|党委会议|办公会|办公会议|现场会|专题会|常务会|纪要|会议)")]
    private static partial Regex TitleLine();

    [GeneratedRegex(@"^(?<key>时\s*间|日\s*期|地\s*点|主\s*持(?:人)?|出\s*席|参\s*加|列\s*席|记\s*录(?:人)?|参会人员|请假|缺席)\s*[::]\s*(?<value>.*)$")]
    private static partial Regex HeaderField();

    [GeneratedRegex(@"^(?:[一二三四五六七八九十]+[、.]\s*)?(?:会议)?(?:议定|研究|决定|讨论)(?:事项|了|的)?(?:如下|以下事项)?[::]?$")]
    private static partial Regex Heading();

    /// <summary>Where a numbered item starts: "1." "1、" "(一)" "一、" "第一," at the start or after a space.</summary>
    [GeneratedRegex(@"(?:^|\s|(?<=[;;]))(?=(?:\d{1,2}[.、)]|\(\d{1,2}\)|\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}[,、]))")]
    private static partial Regex ItemStart();

    [GeneratedRegex(@"^(?:\d{1,2}[.、)]|\(\d{1,2}\)|\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}[,、])?\s*(?:会议(?:议定|决定|要求|同意|明确|强调|指出|研究)[::,]?)?")]
    private static partial Regex DecisionPrefix();

    [GeneratedRegex(@"由?(?<unit>[\p{IsCJKUnifiedIdeographs}A-Za-z0-9、]{2,20}?)牵头")]
    private static partial Regex Lead();

    [GeneratedRegex(@"由(?<unit>[\p{IsCJKUnifiedIdeographs}A-Za-z0-9、]{2,20}?)负责")]
    private static partial Regex Responsible();

    [GeneratedRegex(@"[,,]?(?<units>[\p{IsCJKUnifiedIdeographs}A-Za-z0-9、和及()]{2,40}?)(?:配合|协助|协同)")]
    private static partial Regex Support();

    [GeneratedRegex(@"[((]?责任(?:人|领导)\s*[::]\s*(?<names>[^,,;;。))]+)[))]?")]
    private static partial Regex Owner();

    [GeneratedRegex(@"(?:于|在|限)?(?<when>(?:\d{4}年)?(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}[日号]|底|末|上旬|中旬|下旬)|(?:\d{4}年)?年底|\d{4}-\d{1,2}-\d{1,2})(?:前|之前|以前)?")]
    private static partial Regex Deadline();

    [GeneratedRegex(@"\d{4}(?:年|-)")]
    private static partial Regex YearGiven();

    [GeneratedRegex(@"[、,,和及]|\s+")]
    private static partial Regex UnitSeparator();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>Closing and procedural lines that are not decisions ("散会", "会议听取了…汇报", "(此页无正文)").</summary>
    [GeneratedRegex(@"^(?:散会|会议结束|此页无正文|\(此页无正文\)|抄送|印发|会议听取|会议传达|会议学习|会议通报|会议强调|会议指出|\([^)]*\)$)")]
    private static partial Regex Boilerplate();
}
