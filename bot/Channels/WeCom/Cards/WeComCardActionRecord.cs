using LiteDB;

namespace ChatBot.Bot.Channels.WeCom.Cards;

/// <summary>
/// What a template-card button stands for. WeCom sends back only a short key, so the Action.Submit data it replaces
/// is kept here, bound to the conversation the card was sent into, until it expires.
/// </summary>
internal sealed class WeComCardActionRecord
{
    [BsonId] public string Id { get; set; } = "";
    public string TaskId { get; set; } = "";
    public string ConversationId { get; set; } = "";
    /// <summary>The Action.Submit data as JSON ("{}" when the action had none).</summary>
    public string DataJson { get; set; } = "{}";
    public string Title { get; set; } = "";
    /// <summary>Vote cards: the Input.ChoiceSet id the selected options fill, and option id → choice value.</summary>
    public string? InputId { get; set; }
    public Dictionary<string, string>? Options { get; set; }
    public DateTimeOffset ExpiresUtc { get; set; }
}
