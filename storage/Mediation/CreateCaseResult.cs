using ChatBot.Storage.Conversations;
using ChatBot.Storage.Engine;
using LiteDB;

namespace ChatBot.Storage.Mediation;

public sealed record CreateCaseResult(MediationCase Case, bool Created);
