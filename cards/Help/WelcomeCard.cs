using ChatBot.Cards.AdaptiveCards;

namespace ChatBot.Cards.Help;

/// <summary>
/// The first message in a new chat: the four things the bot does, a button for each of the daily three (the report is
/// an admin's once-a-year task, in a personal chat). The full command reference stays
/// behind 帮助 / help. A user the channel gave no name is asked once how to address them.
/// </summary>
public static class WelcomeCard
{
    public const string NameInputId = "name";
    public const string NameVerb = "profile.name";

    public static string Greeting(Lang lang) => lang.T(
        "您好!我是依法行政助手。我能帮您做这四件事:",
        "Hello! I'm the law-based administration assistant. I can help with four things:");

    /// <param name="name">The name the user gave on this card: shown in place of the name field.</param>
    public static AdaptiveCard Build(Lang lang, bool askName, string? name = null)
    {
        var card = new AdaptiveCard().Add(TextBlock.Heading(Greeting(lang)));
        card.Add(
            new TextBlock(lang.T("1\\. 登记人民调解案件,随时查看、回访、出台账", "1\\. Log people's mediation cases, follow them up and export the ledger")),
            new TextBlock(lang.T("2\\. 安排每月学法活动,提醒、签到、统计出勤", "2\\. Schedule monthly law-study sessions, with reminders, sign-in and attendance")) { Spacing = "Small" },
            new TextBlock(lang.T("3\\. 督办年度工作计划,查看逾期任务、办结反馈", "3\\. Chase the annual work plan: overdue tasks and completion feedback")) { Spacing = "Small" },
            new TextBlock(lang.T("4\\. 生成年度法治政府建设报告草稿、统计图表和公开看板", "4\\. Draft the annual rule-of-law government report, with charts and a public progress board")) { Spacing = "Small" },
            TextBlock.Subtle(lang.T("输入“帮助”查看全部命令;在群里请先 @我。", "Type \"help\" for all commands; in a group, @mention me first.")));
        if (name is not null)
            card.Add(new TextBlock(lang.T($"✅ 称呼:{name}", $"✅ Name: {name}")) { Weight = "Bolder" });
        else if (askName)
        {
            card.Add(new TextInput
            {
                Id = NameInputId, Label = lang.T("怎么称呼您?(用于签到名单和办结记录)", "What should I call you? (shown on sign-in lists and task records)"),
                Placeholder = lang.T("例如:王小明", "e.g. Wang Xiaoming"), MaxLength = 20,
            }, new ActionSet { Actions = [SubmitAction.For(lang.T("保存称呼", "Save my name"), NameVerb)] });
        }
        // Plain buttons: they post no inputs (not the name field), and stay live when the name has been saved.
        foreach (var (title, verb) in new[] { (lang.T("登记调解", "Log a mediation"), "mediation.log"), (lang.T("安排学法", "Schedule study"), "study.schedule"), (lang.T("查看逾期任务", "Overdue tasks"), "tasks.overdue") })
        {
            var button = SubmitAction.For(title, verb);
            button.AssociatedInputs = "none";
            card.AddAction(button);
        }
        return card;
    }
}
