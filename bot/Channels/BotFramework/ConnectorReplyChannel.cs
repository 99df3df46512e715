using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Reminders;
using ChatBot.Storage.Reminders;

namespace ChatBot.Bot.Channels.BotFramework;

/// <summary>Delivers the replies and card updates <see cref="ConnectorAdapter"/> put in the outbox, as the turn would have.</summary>
internal sealed class ConnectorReplyChannel(IServiceProvider services) : IReplyChannel
{
    public bool Handles(string kind) => kind is ConnectorAdapter.ReplyKind or ConnectorAdapter.UpdateKind;

    public async Task<string?> DeliverAsync(OutboxMessage message, Activity activity, CancellationToken ct)
    {
        // Resolved per send so the typed HttpClient's handler can rotate (this channel lives as long as the app).
        var connector = services.GetRequiredService<IConnectorClient>();
        if (message.Kind == ConnectorAdapter.UpdateKind)
        {
            await connector.UpdateAsync(activity, ct);
            return activity.Id;
        }
        return (await connector.SendAsync(activity, ct)).Id;
    }
}
