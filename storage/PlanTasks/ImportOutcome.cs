using LiteDB;

namespace ChatBot.Storage.PlanTasks;

public sealed record ImportOutcome(int Created, int Updated, int Unchanged, IReadOnlyList<int> TaskIds);
