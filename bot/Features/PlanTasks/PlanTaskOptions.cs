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
