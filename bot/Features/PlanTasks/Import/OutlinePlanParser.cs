using System.Text;
using System.Text.RegularExpressions;
using ChatBot.Storage.PlanTasks;

namespace ChatBot.Bot.Features.PlanTasks.Import;

/// <summary>
/// Best-effort reading of a plan pasted as text in the outline form such plans use:
/// <code>
/// 某某镇2026年依法行政工作计划
/// 一、总体要求
/// 二、重点任务
/// (一)进一步规范行政执法行为
/// 1.全面推行行政执法公示制度。(6月底前完成,责任单位:综合执法办,责任人:张三)
/// </code>
/// Numbered items "1." / "1、" / "1．" are tasks, "(一)" headings are sections (or, without them, "一、" headings);
/// a deadline in the item ("6月底前完成", "完成时限:第三季度") and "责任单位:"/"牵头单位:"/"责任人:" are picked out.
/// Items with no deadline the parser can read are reported, not guessed.
/// </summary>
internal static partial class OutlinePlanParser
{
    public static bool LooksLikeOutline(string text) => text.Split('\n').Count(l => TaskLine().IsMatch(l.Trim())) >= 1
        && (text.Split('\n').Any(l => ChapterLine().IsMatch(l.Trim()) || SectionLine().IsMatch(l.Trim())) || text.Split('\n').Count(l => TaskLine().IsMatch(l.Trim())) >= 2);

    public static PlanImportResult Parse(string text, int defaultYear, string? defaultTitle = null)
    {
        var result = new PlanImportResult();
        if (!text.Contains('\n')) text = Breaks().Replace(text, "\n"); // an outline whose line breaks were lost
        var lines = text.Replace("\r", "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        string? planTitle = null;
        string chapter = "", section = "";
        StringBuilder? current = null;
        string currentSection = "";
        var pending = new List<(string Section, string Text)>();

        // A "(一)" heading with no numbered items under it is itself a task (plans often stop at that level).
        string? bareSection = null;
        string bareSectionChapter = "";

        void Flush()
        {
            if (current is not null) pending.Add((currentSection, current.ToString()));
            current = null;
        }

        void FlushBareSection()
        {
            if (bareSection is not null) pending.Add((bareSectionChapter, SectionLine().Replace(bareSection, "").Trim()));
            bareSection = null;
        }

        foreach (var raw in lines)
        {
            var line = Paren(raw);
            if (TaskLine().Match(line) is { Success: true } t)
            {
                Flush();
                bareSection = null;
                current = new StringBuilder(t.Groups["text"].Value.Trim());
                currentSection = section.Length > 0 ? section : chapter;
            }
            else if (SectionLine().IsMatch(line))
            {
                Flush();
                FlushBareSection();
                section = CleanHeading(line);
                if (Deadline().IsMatch(line) || Meta().IsMatch(line)) { bareSection = line; bareSectionChapter = chapter; }
            }
            else if (ChapterLine().IsMatch(line)) { Flush(); FlushBareSection(); chapter = CleanHeading(line); section = ""; }
            else if (current is not null) current.Append(line); // a task that runs over several lines
            else if (planTitle is null && (line.Contains("计划") || line.Contains("要点") || line.Contains("安排"))) planTitle = line.Trim('《', '》');
        }
        Flush();
        FlushBareSection();

        planTitle ??= defaultTitle ?? "工作计划";
        var year = PlanYear.From(planTitle) ?? defaultYear;
        foreach (var (sec, itemText) in pending)
        {
            var draft = ParseItem(itemText, year, out var problem);
            if (draft is null) { result.Problems.Add(problem!); continue; }
            draft.PlanTitle = planTitle;
            draft.Section = sec;
            result.Tasks.Add(draft);
        }
        if (pending.Count == 0) result.Problems.Add(new("没有找到编号为“1.”“2.”的任务条目。", "No numbered task items (\"1.\", \"2.\") were found."));
        return result;
    }

    private static PlanTaskDraft? ParseItem(string text, int year, out ImportProblem? problem)
    {
        problem = null;
        string department = "", owners = "", support = "";
        DateOnly? due = null;
        var title = text;

        // Meta in parentheses or after the sentence: "(6月底前完成,责任单位:司法所)" / "责任单位:司法所;完成时限:年底".
        foreach (Match m in Meta().Matches(text))
        {
            var key = m.Groups["key"].Value;
            var value = m.Groups["value"].Value.Trim().TrimEnd('。', '.', ')', ';');
            if (key.Contains("人")) owners = value;
            else if (key == "配合单位") support = value;
            else if (key.Contains("单位") || key.Contains("部门")) { if (department.Length == 0) department = value; }
            else due ??= DeadlineParser.Parse(value, year);
            title = title.Replace(m.Value, "");
        }
        foreach (Match m in Deadline().Matches(text))
        {
            due ??= DeadlineParser.Parse(m.Groups["when"].Value, year);
            title = title.Replace(m.Value, "");
        }
        foreach (Match m in ParenText().Matches(title))
            if (DeadlineParser.Parse(m.Groups["when"].Value, year) is { } d) { due ??= d; title = title.Replace(m.Value, ""); }
        title = EmptyParens().Replace(title, "").Trim().TrimEnd(',', ';', ',', ';').Trim();
        title = title.TrimEnd('。', '.').Trim();
        if (title.Length == 0) { problem = new($"“{Short(text)}”:没有任务内容。", $"\"{Short(text)}\": no task text."); return null; }
        if (due is null) { problem = new($"“{Short(text)}”:没有可识别的完成时限(例如“6月底前完成”)。", $"\"{Short(text)}\": no deadline found (e.g. \"by the end of June\" / 6月底前完成)."); return null; }
        var isKey = KeyMark().IsMatch(title);
        title = KeyMark().Replace(title, "").Trim();
        return new PlanTaskDraft { PlanYear = year, Title = title, Owners = OwnerList.Split(owners), Department = department, DueDate = due.Value,
            SupportUnits = OwnerList.Split(support), IsKey = isKey };
    }

    private static string Short(string s) => s.Length <= 30 ? s : s[..30] + "…";

    private static string Paren(string s) => s.Replace('（', '(').Replace('）', ')').Replace('：', ':').Replace('，', ',').Replace('；', ';');

    private static string CleanHeading(string s) => s.TrimEnd('。', ':').Trim();

    [GeneratedRegex(@"^(?:[0-9]{1,3}|[０-９]{1,3})\s*[\.、．]\s*(?<text>.+)$")]
    private static partial Regex TaskLine();

    [GeneratedRegex(@"^\(\s*[一二三四五六七八九十]{1,3}\s*\)")]
    private static partial Regex SectionLine();

    [GeneratedRegex(@"^[一二三四五六七八九十]{1,3}\s*[、\.]")]
    private static partial Regex ChapterLine();

    /// <summary>"【重点】" / "[重点]" before or after the task marks a 重点 task (#24).</summary>
    [GeneratedRegex(@"[【\[]\s*重点\s*[】\]]")]
    private static partial Regex KeyMark();

    [GeneratedRegex(@"(?<key>责任单位|牵头单位|责任部门|配合单位|责任人|完成时限|完成时间|时限)\s*[:]\s*(?<value>[^,;)(\s]+)")]
    private static partial Regex Meta();

    [GeneratedRegex(@"(?<when>(?:\d{4}年)?(?:\d{1,2}|十[一二]?|[一二三四五六七八九])月(?:\d{1,2}[日号])?(?:底|末|中旬|上旬|下旬)?|(?:第)?[一二三四]季度|上半年|下半年|年底|年末|全年)(?:(?:前|以前|之前)(?:完成|办结|到位)?|完成|办结|到位)")]
    private static partial Regex Deadline();

    [GeneratedRegex(@"(?:(?<=[。;；])|\s+)(?=[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|[0-9]{1,2}[\.、．](?![0-9]))")]
    private static partial Regex Breaks();

    [GeneratedRegex(@"\((?<when>[^()]{2,15})\)")]
    private static partial Regex ParenText();

    [GeneratedRegex(@"\(\s*[,;]*\s*\)")]
    private static partial Regex EmptyParens();
}
