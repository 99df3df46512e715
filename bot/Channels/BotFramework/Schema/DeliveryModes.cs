using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.BotFramework.Schema;

public static class DeliveryModes
{
    public const string Normal = "normal";
    public const string ExpectReplies = "expectReplies";
}
