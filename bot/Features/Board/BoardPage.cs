using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ChatBot.Cards;
using ChatBot.Storage.PlanTasks;

namespace ChatBot.Bot.Features.Board;

/// <summary>
/// The board's HTML: server-rendered so every figure is text (a lobby screen, a screen reader and the tests read the
/// same), with two echarts charts drawn by /board-assets/board.js from a JSON block. No inline script or style, so the
/// Content-Security-Policy allows scripts and styles from the bot only.
/// </summary>
internal static class BoardPage
{
    /// <summary>Scripts, styles and images from the bot itself only; no frames, forms or outside connections.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static string Render(Lang lang, BoardFigures f, int refreshMinutes)
    {
        var sb = new StringBuilder();
        var title = lang.T($"{f.Year}年度重点工作推进情况", $"Key work progress {f.Year}");
        sb.Append("<!DOCTYPE html>\n<html lang=\"").Append(lang.Locale).Append("\">\n<head>\n<meta charset=\"utf-8\" />\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
            .Append("<meta http-equiv=\"refresh\" content=\"").Append(Math.Max(1, refreshMinutes) * 60).Append("\" />\n")
            .Append("<meta name=\"robots\" content=\"noindex\" />\n")
            .Append("<title>").Append(E(title)).Append("</title>\n<link rel=\"icon\" href=\"data:,\" />\n")
            .Append("<link rel=\"stylesheet\" href=\"/board-assets/board.css\" />\n</head>\n<body>\n");
        sb.Append("<header><h1>").Append(E(title)).Append("</h1>")
            .Append("<p class=\"updated\">")
            .Append(E(f.LastUpdateLocal is { } u ? lang.T($"数据更新于 {u.Year}年{u.Month}月{u.Day}日", $"Last update {u:yyyy-MM-dd}") : lang.T("暂无数据", "No data yet")))
            .Append("</p></header>\n<main>\n");

        sb.Append("<section class=\"tiles\" aria-label=\"").Append(E(lang.T("总体情况", "Totals"))).Append("\">\n");
        Tile(sb, "tasks", lang.T("督办事项", "Tasks"), f.Tasks.ToString(CultureInfo.InvariantCulture), lang.T("项", ""));
        Tile(sb, "done", lang.T("已办结", "Done"), f.Done.ToString(CultureInfo.InvariantCulture), lang.T("项", ""));
        Tile(sb, "ontime", lang.T("按时办结", "Done on time"), f.DoneOnTime.ToString(CultureInfo.InvariantCulture), lang.T("项", ""));
        Tile(sb, "overdue", lang.T("逾期未办结", "Overdue"), f.Overdue.ToString(CultureInfo.InvariantCulture), lang.T("项", ""));
        Tile(sb, "cases", lang.T("受理矛盾纠纷", "Disputes received"), f.CasesReceived.ToString(CultureInfo.InvariantCulture), lang.T("起", ""),
            lang.T($"调解成功{f.CasesSettled}起,成功率{Percent(f.SuccessRate)}", $"{f.CasesSettled} settled, success rate {Percent(f.SuccessRate)}"));
        Tile(sb, "study", lang.T("学法活动", "Law study sessions"), f.StudySessions.ToString(CultureInfo.InvariantCulture), lang.T("次", ""),
            lang.T($"参学{f.StudyAttendances}人次" + (f.StudyAttendanceRate is { } r ? $",出勤率{Percent(r)}" : ""),
                $"{f.StudyAttendances} attendances" + (f.StudyAttendanceRate is { } r2 ? $", attendance {Percent(r2)}" : "")));
        sb.Append("</section>\n");

        sb.Append("<section class=\"charts\">\n<figure><div id=\"chart-lights\" class=\"chart\" role=\"img\" aria-label=\"")
            .Append(E(lang.T("任务红黄绿灯", "Tasks by traffic light"))).Append("\"></div></figure>\n")
            .Append("<figure><div id=\"chart-cases\" class=\"chart\" role=\"img\" aria-label=\"")
            .Append(E(lang.T("每月受理纠纷", "Disputes received per month"))).Append("\"></div></figure>\n</section>\n");

        if (f.Sections.Count == 0)
            sb.Append("<p class=\"empty\">").Append(E(lang.T($"{f.Year}年尚未导入工作计划。", $"No plan has been imported for {f.Year} yet."))).Append("</p>\n");
        foreach (var (section, tasks) in f.Sections)
        {
            sb.Append("<section class=\"plan-section\">\n<h2>").Append(E(section.Length == 0 ? lang.T("其他", "Other") : section)).Append("</h2>\n<table>\n<thead><tr>")
                .Append("<th>").Append(E(lang.T("任务", "Task"))).Append("</th>")
                .Append("<th>").Append(E(lang.T("责任单位", "Department"))).Append("</th>")
                .Append("<th>").Append(E(lang.T("状态", "Status"))).Append("</th>")
                .Append("<th>").Append(E(lang.T("进度", "Progress"))).Append("</th>")
                .Append("<th>").Append(E(lang.T("时限", "Due"))).Append("</th></tr></thead>\n<tbody>\n");
            foreach (var t in tasks)
            {
                sb.Append("<tr><td>").Append(E(t.Title)).Append("</td><td>").Append(E(t.Responsible)).Append("</td>")
                    .Append("<td><span class=\"light ").Append(LightClass(t.Light)).Append("\">").Append(E(LightText(lang, t.Light))).Append("</span></td>")
                    .Append("<td class=\"progress\"><progress max=\"100\" value=\"").Append(t.Progress).Append("\">").Append(t.Progress).Append("%</progress>")
                    .Append("<span>").Append(t.Progress).Append("%</span></td>")
                    .Append("<td class=\"due\" data-label=\"").Append(E(lang.T("时限:", "Due: "))).Append("\">").Append(E(t.DueDate.Year == f.Year
                        ? lang.T($"{t.DueDate.Month}月{t.DueDate.Day}日", t.DueDate.ToString("MM-dd", CultureInfo.InvariantCulture))
                        : lang.Date(t.DueDate))).Append("</td></tr>\n");
            }
            sb.Append("</tbody>\n</table>\n</section>\n");
        }
        sb.Append("</main>\n<footer>").Append(E(lang.T($"本页每{refreshMinutes}分钟自动刷新", $"This page refreshes every {refreshMinutes} minutes"))).Append("</footer>\n");

        var data = new
        {
            lights = new[]
            {
                new { name = LightText(lang, TaskUrgency.Overdue), value = f.Lights.GetValueOrDefault(TaskUrgency.Overdue), color = "#d32f2f" },
                new { name = LightText(lang, TaskUrgency.DueSoon), value = f.Lights.GetValueOrDefault(TaskUrgency.DueSoon), color = "#f9a825" },
                new { name = LightText(lang, TaskUrgency.OnTrack), value = f.Lights.GetValueOrDefault(TaskUrgency.OnTrack), color = "#2e7d32" },
                new { name = LightText(lang, TaskUrgency.Closed), value = f.Lights.GetValueOrDefault(TaskUrgency.Closed), color = "#78909c" },
            },
            lightsTitle = lang.T("任务红黄绿灯", "Tasks by traffic light"),
            months = Enumerable.Range(1, 12).Select(m => lang.T($"{m}月", CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(m))).ToArray(),
            cases = f.CasesByMonth,
            casesTitle = lang.T("每月受理矛盾纠纷(起)", "Disputes received per month"),
        };
        // JSON in a data block (not run as script): '<' is escaped by the serializer's default encoder.
        sb.Append("<script type=\"application/json\" id=\"board-data\">").Append(JsonSerializer.Serialize(data)).Append("</script>\n")
            .Append("<script src=\"/lib/echarts.js\"></script>\n<script src=\"/board-assets/board.js\"></script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>The page an unknown or closed board link shows (with a 404).</summary>
    public static string Closed(Lang lang) =>
        "<!DOCTYPE html>\n<html lang=\"" + lang.Locale + "\">\n<head>\n<meta charset=\"utf-8\" />\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n" +
        "<title>" + E(lang.T("看板不可用", "Board not available")) + "</title>\n<link rel=\"icon\" href=\"data:,\" />\n<link rel=\"stylesheet\" href=\"/board-assets/board.css\" />\n</head>\n<body>\n" +
        "<main class=\"closed\"><h1>" + E(lang.T("此看板链接已关闭或不存在", "This board link is closed or unknown")) + "</h1><p>" +
        E(lang.T("请向管理员索取新的链接(在群里发送“公开看板”)。", "Ask an admin for a new link (send \"public board\" in the group).")) + "</p></main>\n</body>\n</html>\n";

    public static string LightText(Lang lang, TaskUrgency u) => u switch
    {
        TaskUrgency.Overdue => lang.T("逾期", "Overdue"),
        TaskUrgency.DueSoon => lang.T("临期", "Due soon"),
        TaskUrgency.OnTrack => lang.T("正常推进", "On track"),
        _ => lang.T("已办结", "Done"),
    };

    private static string LightClass(TaskUrgency u) => u switch
    {
        TaskUrgency.Overdue => "red",
        TaskUrgency.DueSoon => "yellow",
        TaskUrgency.OnTrack => "green",
        _ => "done",
    };

    private static void Tile(StringBuilder sb, string id, string label, string value, string unit, string? note = null)
    {
        sb.Append("<div class=\"tile\" id=\"tile-").Append(id).Append("\"><div class=\"label\">").Append(E(label)).Append("</div><div class=\"value\">")
            .Append(E(value)).Append("<small>").Append(E(unit)).Append("</small></div>");
        if (note is not null) sb.Append("<div class=\"note\">").Append(E(note)).Append("</div>");
        sb.Append("</div>\n");
    }

    private static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
