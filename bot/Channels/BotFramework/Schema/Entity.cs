using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.BotFramework.Schema;

/// <summary>An entity on an activity; mentions carry <see cref="Mentioned"/> and <see cref="Text"/>.</summary>
public sealed class Entity
{
    public string Type { get; set; } = "";
    public ChannelAccount? Mentioned { get; set; }
    public string? Text { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    public static Entity Mention(string id, string name) =>
        new() { Type = "mention", Mentioned = new ChannelAccount { Id = id, Name = name }, Text = $"<at>{name}</at>" };
}
