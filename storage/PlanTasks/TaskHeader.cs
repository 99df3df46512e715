using LiteDB;

namespace ChatBot.Storage.PlanTasks;

/// <summary>What a list needs to count and order a task without reading it all: its number, due date, status and section.</summary>
public readonly record struct TaskHeader(int Id, DateOnly DueDate, PlanTaskStatus Status, string Section)
{
    public static TaskHeader Of(PlanTask t) => new(t.Id, t.DueDate, t.Status, t.Section);

    public TaskUrgency UrgencyOn(DateOnly today, int yellowDays) => PlanTask.Urgency(Status, DueDate, today, yellowDays);
}
