using LiteDB;

namespace ChatBot.Storage.Mediation;

/// <summary>The case-number counter of one workspace and year, updated in the same transaction as the insert.</summary>
public sealed class MediationCounter
{
    /// <summary>"{workspaceId}|{year}"</summary>
    [BsonId] public string Id { get; set; } = "";
    public int Last { get; set; }
}
