using ChatBot.Bot.Channels.BotFramework.Schema;

namespace ChatBot.Bot.Channels.BotFramework;

/// <summary>The Bot Connector REST API v3, at the activity's serviceUrl.</summary>
internal interface IConnectorClient
{
    /// <summary>Replies to activity.ReplyToId when set, else sends to the conversation.</summary>
    Task<ResourceResponse> SendAsync(Activity activity, CancellationToken ct);
    Task UpdateAsync(Activity activity, CancellationToken ct);
}
