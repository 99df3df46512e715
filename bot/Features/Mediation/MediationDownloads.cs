using ChatBot.Storage.Downloads;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>
/// Generated files offered by a link for a limited time: GET /files/{token}. Tokens are 32 random bytes, bound to the
/// workspace they were made for, and forgotten after <see cref="Lifetime"/>. The files are kept in the database
/// (<see cref="LinkStore"/>), so a link works after a restart and on any instance.
/// </summary>
internal sealed class MediationDownloads(LinkStore links, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    public sealed record Entry(string WorkspaceId, string FileName, string ContentType, byte[] Content, DateTimeOffset ExpiresUtc);

    public string Add(string workspaceId, string fileName, string contentType, byte[] content) =>
        links.AddFile(workspaceId, fileName, contentType, content, clock.GetUtcNow() + Lifetime);

    public Entry? Find(string token) =>
        links.File(token, clock.GetUtcNow()) is { } f ? new Entry(f.WorkspaceId, f.FileName, f.ContentType, f.Content, f.ExpiresUtc) : null;
}
