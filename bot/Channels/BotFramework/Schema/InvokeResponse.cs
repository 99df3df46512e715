using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.BotFramework.Schema;

/// <summary>The HTTP answer to an invoke activity.</summary>
public sealed class InvokeResponse
{
    public int Status { get; set; } = 200;
    public object? Body { get; set; }
}
