using ChatBot.Cards;
using ChatBot.Storage.Conversations;

namespace ChatBot.Bot.Features.PlanTasks;

/// <summary>The "PlanTasks" configuration section; a workspace's Settings override the defaults.</summary>
internal sealed class PlanTaskOptions
{
    public const string Section = "PlanTasks";
    public const string YellowDaysKey = "tasks.yellowDays";
    public const string EscalateAfterDaysKey = "tasks.escalateAfterDays";

    /// <summary>Open tasks due within this many days are yellow.</summary>
    public int YellowDays { get; set; } = 3;
    /// <summary>Tasks this many days overdue are escalated to the workspace admins.</summary>
    public int EscalateAfterDays { get; set; } = 3;
    /// <summary>Largest import file accepted.</summary>
    public int MaxImportBytes { get; set; } = 5 * 1024 * 1024;

    public int YellowDaysFor(Workspace w) => Setting(w, YellowDaysKey, YellowDays, 0, 60);
    public int EscalateAfterDaysFor(Workspace w) => Setting(w, EscalateAfterDaysKey, EscalateAfterDays, 1, 365);

    private static int Setting(Workspace w, string key, int fallback, int min, int max) =>
        w.Settings.TryGetValue(key, out var s) && int.TryParse(s, out var v) && v >= min && v <= max ? v : fallback;
}
