namespace ChatBot.Bot.Features.PlanTasks.Minutes;

/// <summary>One 议定事项 read from meeting minutes: what, lead and supporting units, owners, and the deadline when the minutes give one.</summary>
internal sealed class MinutesItem
{
    public string Title { get; set; } = "";
    public string LeadUnit { get; set; } = "";
    public List<string> SupportUnits { get; set; } = new();
    public List<string> Owners { get; set; } = new();
    /// <summary>Null: the minutes set no deadline; the clerk is asked for one, it is never guessed.</summary>
    public DateOnly? DueDate { get; set; }
    /// <summary>The line of the minutes it came from, for the preview.</summary>
    public string Source { get; set; } = "";
}
