namespace ChatBot.Bot.Features.PlanTasks.Minutes;

/// <summary>What <see cref="MinutesParser"/> read from pasted minutes: the meeting, its decisions, and the lines it did not understand.</summary>
internal sealed class MinutesDraft
{
    /// <summary>The plan the tasks are saved in: the meeting's title ("镇党委会2026年第12次会议纪要" → "镇党委会2026年第12次会议议定事项").</summary>
    public string Meeting { get; set; } = "";
    public DateOnly MeetingDate { get; set; }
    public List<MinutesItem> Items { get; set; } = new();
    public List<string> NotUnderstood { get; set; } = new();
}
