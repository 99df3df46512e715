using ChatBot.Bot.Conversation;
using ChatBot.Cards;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.PlanTasks;

namespace ChatBot.Bot.Features.PlanTasks;

/// <summary>Small helpers the plan-task commands share.</summary>
internal static partial class TaskArgs
{
    public static Actor ActorOf(TurnContext ctx) => new(ctx.UserKey, ctx.UserName);

    /// <summary>"12", "#12", "任务12", "task 12" → 12, and the rest of the text.</summary>
    public static bool TryTaskId(string? text, out int id, out string rest)
    {
        id = 0;
        rest = "";
        if (string.IsNullOrWhiteSpace(text)) return false;
        var m = Id().Match(ChatBot.Bot.Conversation.Prompts.Recognizers.ToHalfWidth(text.Trim()));
        if (!m.Success || !int.TryParse(m.Groups["id"].Value, out id) || id <= 0) return false;
        rest = m.Groups["rest"].Value.Trim();
        return true;
    }

    public static int? IntField(CommandArgs args, string name) =>
        args.Field(name) is { } s && double.TryParse(s.Trim().TrimEnd('%'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)
            && double.IsFinite(d) && d == Math.Floor(d) ? (int)d : null;

    /// <summary>The sender is an owner: by user key, by name, or as the person an owner name is bound to (绑定, #24).</summary>
    public static bool IsMine(PlanTask t, TurnContext ctx, IReadOnlyDictionary<string, OwnerBinding> bindings) =>
        t.OwnerUserKeys.Contains(ctx.UserKey)
        || t.Owners.Any(o => bindings.TryGetValue(o, out var b) ? b.UserKey == ctx.UserKey : o == ctx.UserName);

    public static string NotFound(TurnContext ctx, int id) =>
        ctx.T($"没有找到编号为 {id} 的任务。输入“任务列表”查看编号。", $"There is no task #{id}. Type \"tasks\" to see the numbers.");

    public static string Closed(TurnContext ctx, PlanTask t) =>
        t.Status == PlanTaskStatus.PendingAcceptance
            ? ctx.T($"任务 #{t.Id} 已提交办结,正在等待验收。", $"Task #{t.Id} is submitted as done and awaits acceptance.")
            : t.Status == PlanTaskStatus.Draft
            ? ctx.T($"任务 #{t.Id} 还是草稿,没有时限。请先用“设定时限 {t.Id} 日期”补充时限。", $"Task #{t.Id} is a draft without a deadline. Give it one first: \"set deadline {t.Id} DATE\".")
            : ctx.T($"任务 #{t.Id} 已{(t.Status == PlanTaskStatus.Done ? "办结" : "取消")},不能再修改。", $"Task #{t.Id} is already {(t.Status == PlanTaskStatus.Done ? "done" : "cancelled")} and cannot be changed.");

    public static string NoTasksYet(TurnContext ctx) =>
        ctx.T("本群还没有工作计划任务。输入“导入计划”导入年度计划,或“新建任务”添加一项。",
            "No plan tasks here yet. Type \"import plan\" to import the annual plan, or \"add task\" to add one.");

    public static Lang LangOf(Workspace w) => Lang.FromLocale(w.Locale);

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:#|任务|task\s*|no\.?\s*)?\s*(?<id>\d{1,9})(?<rest>.*)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex Id();
}
