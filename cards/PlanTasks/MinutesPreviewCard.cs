using System.Text.Json.Nodes;
using ChatBot.Cards.AdaptiveCards;

namespace ChatBot.Cards.PlanTasks;

/// <summary>导入纪要 preview: the decisions read from the minutes, those still needing a deadline, and what was not understood.</summary>
public static class MinutesPreviewCard
{
    /// <summary>One decision as the preview shows it.</summary>
    public sealed record Row(string Title, string Lead, IReadOnlyList<string> Support, IReadOnlyList<string> Owners, DateOnly? Due);

    public static AdaptiveCard Build(Lang lang, string meeting, DateOnly meetingDate, IReadOnlyList<Row> rows, IReadOnlyList<string> notUnderstood)
    {
        var card = new AdaptiveCard().Add(
            TextBlock.Heading(lang.T("会议纪要导入预览", "Meeting minutes preview")),
            new FactSet().Add(lang.T("计划(会议督办)", "Plan (meeting supervision)"), meeting)
                .Add(lang.T("会议日期", "Meeting date"), lang.Date(meetingDate))
                .Add(lang.T("议定事项", "Decisions"), rows.Count.ToString())
                .Add(lang.T("缺时限", "Without deadline"), rows.Count(r => r.Due is null).ToString()));
        var n = 0;
        foreach (var r in rows.Take(PlanTaskCards.MaxRows))
        {
            n++;
            card.Add(new TextBlock($"{n}\\. {r.Title}") { Weight = "Bolder", Wrap = true, Separator = n == 1 });
            var facts = new FactSet().Add(lang.T("牵头单位", "Lead"), r.Lead);
            if (r.Support.Count > 0) facts.Add(lang.T("配合单位", "Supporting"), string.Join("、", r.Support));
            if (r.Owners.Count > 0) facts.Add(lang.T("责任人", "Owners"), string.Join("、", r.Owners));
            facts.Add(lang.T("时限", "Deadline"), r.Due is { } d ? lang.Date(d) : lang.T("⚠️ 纪要未写,确认后请补充", "⚠️ none in the minutes: you will be asked"));
            card.Add(facts);
        }
        if (notUnderstood.Count > 0)
        {
            card.Add(new TextBlock(lang.T($"以下 {notUnderstood.Count} 处未能识别为议定事项,不会保存:", $"{notUnderstood.Count} line(s) not understood as decisions, not saved:"))
                { Color = "Warning", Weight = "Bolder", Separator = true, Wrap = true });
            foreach (var line in notUnderstood.Take(20)) card.Add(new TextBlock(line) { Color = "Warning", Size = "Small", Spacing = "None", Wrap = true });
        }
        card.AddAction(new SubmitAction { Title = lang.T("确认", "Confirm"), Style = "positive", Data = new JsonObject { ["choice"] = "yes" } });
        card.AddAction(new SubmitAction { Title = lang.T("取消", "Cancel"), Data = new JsonObject { ["choice"] = "no" } });
        return card;
    }
}
