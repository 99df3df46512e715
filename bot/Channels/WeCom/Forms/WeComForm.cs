using LiteDB;

namespace ChatBot.Bot.Channels.WeCom.Forms;

/// <summary>
/// A form card waiting to be filled in on the web page: who may fill it, in which conversation and dialog, and the
/// card itself (kept server-side, so the link stays short and the card cannot be altered by the page).
/// </summary>
internal sealed class WeComForm
{
    [BsonId] public string Id { get; set; } = "";
    public string WorkspaceId { get; set; } = "";
    /// <summary>"wecom:{userid}"</summary>
    public string UserKey { get; set; } = "";
    public string ConversationId { get; set; } = "";
    /// <summary>The dialog state the submission continues (ConversationEngine.StateKey of the origin).</summary>
    public string StateKey { get; set; } = "";
    public string CardJson { get; set; } = "{}";
    public string CardHash { get; set; } = "";
    /// <summary>The conversation the form came from, to rebuild the submission as an Activity of that conversation.</summary>
    public WeComOrigin Origin { get; set; } = new();
    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset ExpiresUtc { get; set; }
    public DateTimeOffset? UsedUtc { get; set; }
}
