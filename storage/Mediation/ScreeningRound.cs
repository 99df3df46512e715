using LiteDB;

namespace ChatBot.Storage.Mediation;

/// <summary>
/// One 矛盾纠纷排查 round of one village: the disputes found, or none (零报告). Each dispute can become a case: the
/// registration form opened for it carries <see cref="CaseFormId"/>, so the case it saved is found by that form id.
/// </summary>
public sealed class ScreeningRound
{
    /// <summary>"{workspaceId}|{formId}": a second submit of the same form finds the round instead of saving another.</summary>
    [BsonId] public string Id { get; set; } = "";
    public string WorkspaceId { get; set; } = "";
    public DateOnly Date { get; set; }
    /// <summary>村(社区)</summary>
    public string Village { get; set; } = "";
    /// <summary>排查人</summary>
    public string ScreenedBy { get; set; } = "";
    public List<ScreenedDispute> Disputes { get; set; } = new();
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedUtc { get; set; }

    /// <summary>零报告: the village was screened and no dispute was found.</summary>
    [BsonIgnore] public bool ZeroReport => Disputes.Count == 0;

    /// <summary>The short form id of the round (the part of <see cref="Id"/> after the workspace).</summary>
    [BsonIgnore] public string Key => Id[(Id.LastIndexOf('|') + 1)..];

    /// <summary>The id of the registration form that turns dispute <paramref name="index"/> into a case.</summary>
    public string CaseFormId(int index) => $"screening-{Key}-{index + 1}";
}
