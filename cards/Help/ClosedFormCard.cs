using ChatBot.Cards.AdaptiveCards;

namespace ChatBot.Cards.Help;

/// <summary>
/// What a form card turns into once it cannot be submitted any more (the saved version is the feature's own receipt),
/// and the answer to a click on a card that was already handled.
/// </summary>
public static class ClosedFormCard
{
    /// <summary>The form was cancelled: its heading, and that nothing was saved. No inputs, no buttons.</summary>
    public static AdaptiveCard Cancelled(Lang lang, string? title) => new AdaptiveCard().Add(
        TextBlock.Heading(string.IsNullOrWhiteSpace(title) ? lang.T("表单", "Form") : title),
        new TextBlock(lang.T("已取消,没有保存。", "Cancelled; nothing was saved.")) { IsSubtle = true });

    /// <summary>The form was sent back with corrections: the corrected copy below replaces it.</summary>
    public static AdaptiveCard Superseded(Lang lang, string? title) => new AdaptiveCard().Add(
        TextBlock.Heading(string.IsNullOrWhiteSpace(title) ? lang.T("表单", "Form") : title),
        new TextBlock(lang.T("有内容需要修改,请在下方新的表单中修改后提交。", "Some entries need correcting: please use the new copy of the form below.")) { IsSubtle = true });

    /// <summary>The answer to a click on a card that was submitted or cancelled before.</summary>
    public static string AlreadyHandled(Lang lang, bool cancelled) => cancelled
        ? lang.T("这张卡片已处理(已取消),没有保存任何内容。需要时请重新输入命令。", "This card was already handled (cancelled); nothing was saved. Type the command again if you need it.")
        : lang.T("这张卡片已处理,内容已保存,无需再次提交。", "This card was already handled and saved; no need to submit it again.");
}
