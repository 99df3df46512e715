using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.BotFramework.Schema;

public sealed class ResourceResponse
{
    public string? Id { get; set; }
}
