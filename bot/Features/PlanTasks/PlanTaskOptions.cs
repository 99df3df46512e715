using ChatBot.Bot.Conversation;
using ChatBot.Cards;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.PlanTasks;

namespace ChatBot.Bot.Features.PlanTasks;

/// <summary>The "PlanTasks" configuration section; a workspace's Settings override the defaults.</summary>
internal sealed class PlanTaskOptions
{
    public const string Section = "PlanTasks";
    public const string YellowDaysKey = "tasks.yellowDays";
    public const string EscalateAfterDaysKey = "tasks.escalateAfterDays";
    public const string AcceptanceKey = "tasks.acceptance";

    /// <summary>Open tasks due within this many days are yellow.</summary>
    public int YellowDays { get; set; } = 3;
    /// <summary>Tasks this many days overdue are escalated to the workspace admins.</summary>
    public int EscalateAfterDays { get; set; } = 3;
    /// <summary>Which tasks need 验收 after 办结 (#24): "key" the 重点 tasks, "all" every task, "off" none.</summary>
    public string Acceptance { get; set; } = "key";
    /// <summary>Working days an owner has to sign for (签收) a new task before the admins are told (#24).</summary>
    public int AcknowledgeWithinWorkingDays { get; set; } = 2;
    /// <summary>Largest import file accepted.</summary>
    public int MaxImportBytes { get; set; } = 5 * 1024 * 1024;

    public int YellowDaysFor(Workspace w) => Setting(w, YellowDaysKey, YellowDays, 0, 60);
    public int EscalateAfterDaysFor(Workspace w) => Setting(w, EscalateAfterDaysKey, EscalateAfterDays, 1, 365);

    /// <summary>Whether closing <paramref name="t"/> puts it to 验收 in this workspace.</summary>
    public bool NeedsAcceptance(Workspace w, PlanTask t) =>
        (w.Settings.TryGetValue(AcceptanceKey, out var s) && s is "key" or "all" or "off" ? s : Acceptance) switch
        {
            "all" => true,
            "off" => false,
            _ => t.Supervision.IsKey,
        };

    private static int Setting(Workspace w, string key, int fallback, int min, int max) =>
        w.Settings.TryGetValue(key, out var s) && int.TryParse(s, out var v) && v >= min && v <= max ? v : fallback;
}

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

    public static bool IsMine(PlanTask t, TurnContext ctx) =>
        t.OwnerUserKeys.Contains(ctx.UserKey) || t.Owners.Any(o => o == ctx.UserName);

    public static string NotFound(TurnContext ctx, int id) =>
        ctx.T($"没有找到编号为 {id} 的任务。输入“任务列表”查看编号。", $"There is no task #{id}. Type \"tasks\" to see the numbers.");

    public static string Closed(TurnContext ctx, PlanTask t) =>
        t.Status == PlanTaskStatus.PendingAcceptance
            ? ctx.T($"任务 #{t.Id} 已提交办结,正在等待验收。", $"Task #{t.Id} is submitted as done and awaits acceptance.")
            : ctx.T($"任务 #{t.Id} 已{(t.Status == PlanTaskStatus.Done ? "办结" : "取消")},不能再修改。", $"Task #{t.Id} is already {(t.Status == PlanTaskStatus.Done ? "done" : "cancelled")} and cannot be changed.");

    public static string NoTasksYet(TurnContext ctx) =>
        ctx.T("本群还没有工作计划任务。输入“导入计划”导入年度计划,或“新建任务”添加一项。",
            "No plan tasks here yet. Type \"import plan\" to import the annual plan, or \"add task\" to add one.");

    public static Lang LangOf(Workspace w) => Lang.FromLocale(w.Locale);

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:#|任务|task\s*|no\.?\s*)?\s*(?<id>\d{1,9})(?<rest>.*)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex Id();
}
