using ChatBot.Cards.AdaptiveCards;

namespace ChatBot.Cards.Help;

public static class HelpCard
{
    /// <summary>The bilingual list of commands, grouped by feature, with a button for the most common ones.</summary>
    public static AdaptiveCard Build(Lang lang, IEnumerable<CommandHelp> commands)
    {
        var card = new AdaptiveCard();
        card.Add(
            TextBlock.Title(lang.T("依法行政助手 · 使用帮助", "Law-based administration assistant · Help")),
            new TextBlock(lang.T(
                "在群里 @我 或直接输入下列命令(中文或英文均可)。随时输入“取消”结束当前操作。",
                "@mention me in a group or type one of these commands (Chinese or English). Type \"cancel\" at any time to stop.")) { IsSubtle = true });

        foreach (var group in commands.OrderBy(c => c.Order).GroupBy(c => lang.T(c.GroupZh, c.GroupEn)))
        {
            var facts = new FactSet();
            foreach (var c in group)
                facts.Add(lang.IsZh ? $"{c.Zh}  ({c.En})" : $"{c.En}  ({c.Zh})", lang.T(c.WhatZh, c.WhatEn));
            card.Add(new TextBlock(group.Key) { Weight = "Bolder", Spacing = "Medium", Separator = true }, facts);
        }
        card.AddAction(SubmitAction.For(lang.T("登记调解", "Log a mediation"), "mediation.log"));
        card.AddAction(SubmitAction.For(lang.T("逾期任务", "Overdue tasks"), "tasks.overdue"));
        card.AddAction(SubmitAction.For(lang.T("学法安排", "Study sessions"), "study.list"));
        return card;
    }
}
