using LiteDB;

namespace ChatBot.Storage.Board;

/// <summary>
/// A workspace's public progress board link (公开看板): the token in /board/{token}. One live link per workspace;
/// 关闭看板 revokes it (the record stays, with <see cref="RevokedUtc"/>, so an old link answers "closed").
/// </summary>
public sealed class BoardLink
{
    /// <summary>The token: 32 random bytes, URL-safe base64.</summary>
    [BsonId] public string Token { get; set; } = "";
    public string WorkspaceId { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset? RevokedUtc { get; set; }

    [BsonIgnore] public bool IsLive => RevokedUtc is null;
}
