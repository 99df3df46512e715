using LiteDB;

namespace ChatBot.Storage.Downloads;

/// <summary>A generated file (ledger, report, agreement) behind a download link, kept until it expires.</summary>
public sealed class StoredFile
{
    /// <summary>The link's token: 32 random bytes, URL-safe base64.</summary>
    [BsonId] public string Token { get; set; } = "";
    public string WorkspaceId { get; set; } = "";
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public DateTimeOffset ExpiresUtc { get; set; }
}
