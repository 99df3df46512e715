using LiteDB;

namespace ChatBot.Storage.PlanTasks;

/// <summary>Traffic light of an open task on a given day.</summary>
public enum TaskUrgency { Overdue, DueSoon, OnTrack, Closed }
