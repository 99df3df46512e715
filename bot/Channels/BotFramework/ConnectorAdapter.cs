using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;

namespace ChatBot.Bot.Channels.BotFramework;

/// <summary>Sends a turn's replies through the Bot Connector REST API (Teams, Azure Bot Service channels).</summary>
internal sealed class ConnectorAdapter(IConnectorClient connector, ChannelCapabilities capabilities) : ChannelAdapter
{
    public override ChannelCapabilities Capabilities => capabilities;

    public override Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken ct) => connector.SendAsync(activity, ct);

    public override Task UpdateActivityAsync(Activity activity, CancellationToken ct) => connector.UpdateAsync(activity, ct);

    public static ChannelCapabilities CapabilitiesOf(string? channelId) => channelId switch
    {
        "msteams" or "webchat" or "directline" or "emulator" => ChannelCapabilities.Full,
        _ => ChannelCapabilities.TextOnly with { Markdown = true },
    };
}
