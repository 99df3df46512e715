using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.BotFramework.Schema;

/// <summary>The body of a reply to an activity sent with deliveryMode expectReplies.</summary>
public sealed class ExpectedReplies
{
    public List<Activity> Activities { get; set; } = new();
}
