using ChatBot.Storage.Engine;
using System.Security.Cryptography;
using LiteDB;

namespace ChatBot.Storage.Board;

/// <summary>The public board links, one live link per workspace.</summary>
public sealed class BoardStore(DocumentDatabase db) : IOwnsCollections
{
    public const string BoardLinks = "board_links";

    public static IReadOnlyList<string> Collections => [BoardLinks];

    public static void EnsureIndexes(LiteDatabase db) => db.GetCollection<BoardLink>(BoardLinks).EnsureIndex(l => l.WorkspaceId);

    private DocumentCollection<BoardLink> Links => db.Collection<BoardLink>(BoardLinks);

    /// <summary>The workspace's live link, or a new one (a link closed before is not reopened).</summary>
    public BoardLink Open(string workspaceId, string userKey, DateTimeOffset now)
    {
        lock (_openGate)
        {
            if (Live(workspaceId) is { } live) return live;
            var link = new BoardLink
            {
                Token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
                WorkspaceId = workspaceId,
                CreatedBy = userKey,
                CreatedUtc = now,
            };
            try
            {
                Links.Insert(link);
            }
            // On a shared database another instance may have opened one meanwhile: its unique index (one live link per
            // workspace, 0003_domain.sql) refuses the second, and the first is the one to give.
            catch (Exception) when (db.IsShared && Live(workspaceId) is { } other)
            {
                return other;
            }
            return link;
        }
    }

    // One opening at a time in this process (LiteDB has no partial unique index to keep one live link per workspace).
    private readonly object _openGate = new();

    public BoardLink? Live(string workspaceId) => Links.Find(l => l.WorkspaceId == workspaceId && l.RevokedUtc == null).FirstOrDefault();

    /// <summary>The link of a token, live or closed; null when there never was one.</summary>
    public BoardLink? Find(string token) => token.Length is > 0 and <= 100 ? Links.FindById(token) : null;

    /// <summary>Closes the workspace's live link; false when there was none.</summary>
    public bool Close(string workspaceId, DateTimeOffset now)
    {
        if (Live(workspaceId) is not { } live) return false;
        live.RevokedUtc = now;
        return Links.Update(live);
    }
}
