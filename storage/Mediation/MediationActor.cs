using ChatBot.Storage.Conversations;
using ChatBot.Storage.Engine;
using LiteDB;

namespace ChatBot.Storage.Mediation;

/// <summary>Who is writing, for the audit log.</summary>
public readonly record struct MediationActor(string UserKey, string? UserName);
