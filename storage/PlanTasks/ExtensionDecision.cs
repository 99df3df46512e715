using LiteDB;

namespace ChatBot.Storage.PlanTasks;

public enum ExtensionDecision { Pending, Approved, Refused }
