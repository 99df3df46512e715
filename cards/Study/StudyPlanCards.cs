using System.Text.Json.Nodes;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Storage.Study;

namespace ChatBot.Cards.Study;

/// <summary>导入学法计划's cards: the preview (what was understood, what was not, the day assumed) and the result.</summary>
public static class StudyPlanCards
{
    /// <summary>The preview. Its buttons answer the waiting yes/no prompt: 确认导入 saves, 取消 saves nothing.</summary>
    public static AdaptiveCard ImportPreview(Lang lang, int year, string usualDay, IReadOnlyList<StudyPlanRow> rows, IReadOnlySet<string> existingKeys,
        IReadOnlyList<string> problems, IReadOnlyList<string> warnings)
    {
        var existing = rows.Count(r => existingKeys.Contains(r.Key));
        var card = new AdaptiveCard().Add(
            TextBlock.Heading(lang.T($"{year}年学法计划 · 导入预览", $"{year} study plan · import preview")),
            new FactSet().Add(lang.T("识别场次", "Sessions found"), rows.Count.ToString())
                .Add(lang.T("其中已导入过(将更新)", "Imported before (will be updated)"), existing.ToString()));
        if (rows.Any(r => r.DayAssumed))
            card.Add(new TextBlock(lang.T($"未写日期的月份按本群惯例“{usualDay}”安排(标“按惯例”)。", $"Months without a day use this group's usual day, \"{usualDay}\" (marked \"usual day\").")) { IsSubtle = true });
        foreach (var r in rows)
        {
            var c = new Container { Separator = true, Spacing = "Small" };
            var mark = existingKeys.Contains(r.Key) ? lang.T("(更新)", " (update)") : "";
            c.Items.Add(new TextBlock($"{lang.T($"{r.Month}月", MonthEn(r.Month))} · {r.Title}{mark}") { Weight = "Bolder" });
            c.Items.Add(new TextBlock(StudyText.WhenOn(lang, r.Date, r.Start, r.Minutes) + (r.DayAssumed ? lang.T("(按惯例)", " (usual day)") : "")) { Spacing = "None" });
            var format = r.Format == StudyFormat.PreMeeting && r.Meeting is { } m ? lang.T($"会前学法({m})", $"Pre-meeting study ({m})") : StudyText.FormatName(lang, r.Format);
            c.Items.Add(TextBlock.Subtle($"{r.Law} · {format} · {lang.T("主讲:", "Presenter: ")}{r.Presenter ?? lang.T("未定", "not set")}"
                + (r.Expected.Count > 0 ? lang.T($" · 应参学{r.Expected.Count}人", $" · {r.Expected.Count} expected") : "")));
            card.Add(c);
        }
        foreach (var w in warnings) card.Add(new TextBlock(w) { Color = "Warning", Size = "Small" });
        if (problems.Count > 0)
        {
            card.Add(new TextBlock(lang.T($"以下 {problems.Count} 行未能识别,不会导入:", $"{problems.Count} row(s) not understood and not imported:")) { Color = "Warning", Weight = "Bolder", Separator = true });
            foreach (var p in problems.Take(30)) card.Add(new TextBlock(p) { Color = "Warning", Size = "Small", Spacing = "None" });
        }
        if (rows.Count > 0) card.AddAction(new SubmitAction { Title = lang.T("确认导入", "Import"), Style = "positive", Data = new JsonObject { ["choice"] = "yes" } });
        card.AddAction(new SubmitAction { Title = lang.T("取消", "Cancel"), Data = new JsonObject { ["choice"] = "no" } });
        return card;
    }

    /// <summary>After 确认: the plan's sessions as saved, with their numbers and presenters.</summary>
    public static AdaptiveCard Imported(Lang lang, int year, IReadOnlyList<StudyOccurrence> sessions, int created, int updated, int unchanged)
    {
        var card = new AdaptiveCard().Add(
            TextBlock.Heading(lang.T($"{year}年学法计划已导入", $"{year} study plan imported")),
            new TextBlock(lang.T($"新增 {created} 场,更新 {updated} 场,未变化 {unchanged} 场。", $"{created} new, {updated} updated, {unchanged} unchanged.")));
        foreach (var o in sessions)
        {
            var s = o.Session;
            var c = new Container { Separator = true, Spacing = "Small" };
            c.Items.Add(new TextBlock($"#{s.Id} {s.Title}") { Weight = "Bolder" });
            c.Items.Add(new TextBlock(StudyText.When(lang, o)) { Spacing = "None" });
            c.Items.Add(TextBlock.Subtle($"{StudyText.FormatOf(lang, s)} · {lang.T("主讲:", "Presenter: ")}{s.Presenter ?? lang.T("未定", "not set")}"));
            card.Add(c);
        }
        card.Add(TextBlock.Subtle(lang.T("主讲人会在一周前收到提醒,并请其提交提纲或材料(“学法材料 编号 链接或提纲”)。",
            "Presenters are reminded a week before and asked for the outline or materials (\"study materials <no.> <link or outline>\").")));
        card.AddAction(SubmitAction.For(lang.T("查看学法安排", "Upcoming sessions"), "study.list"));
        return card;
    }

    private static string MonthEn(int month) => System.Globalization.CultureInfo.GetCultureInfo("en-US").DateTimeFormat.GetAbbreviatedMonthName(month);
}
