using LiteDB;

namespace ChatBot.Storage.PlanTasks;

/// <summary>
/// A task's state. <see cref="PendingAcceptance"/> (待验收, #24): the owner reported it done and an admin has to accept
/// it (then <see cref="Done"/>) or return it (then <see cref="InProgress"/>); it is in neither the open nor the done list.
/// <see cref="Draft"/> (草稿, #24): a decision of imported minutes without a deadline; it has no due date yet, is in no
/// list but 任务列表 草稿, and becomes <see cref="NotStarted"/> when given one (设定时限).
/// Appended, never reordered: the snapshot stores the number.
/// </summary>
public enum PlanTaskStatus { NotStarted, InProgress, Done, Cancelled, PendingAcceptance, Draft }
