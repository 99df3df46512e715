using LiteDB;

namespace ChatBot.Storage.PlanTasks;

/// <summary>Who did something, for notes and the audit trail.</summary>
public sealed record Actor(string? UserKey, string Name);
