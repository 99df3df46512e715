using LiteDB;

namespace ChatBot.Storage.PlanTasks;

/// <summary>
/// A task's state. <see cref="PendingAcceptance"/> (待验收, #24): the owner reported it done and an admin has to accept
/// it (then <see cref="Done"/>) or return it (then <see cref="InProgress"/>); it is in neither the open nor the done list.
/// Appended, never reordered: the snapshot stores the number.
/// </summary>
public enum PlanTaskStatus { NotStarted, InProgress, Done, Cancelled, PendingAcceptance }
