using ChatBot.Bot.Channels.BotFramework.Schema;

namespace ChatBot.Bot.Conversation;

/// <summary>What every channel calls once it has turned its wire format into an Activity.</summary>
internal sealed class TurnRunner(ConversationEngine engine, IServiceProvider services, TimeProvider clock)
{
    public async Task<TurnContext> RunAsync(Activity activity, ChannelAdapter adapter, CancellationToken ct)
    {
        var ctx = new TurnContext(activity, adapter, services, clock, ct);
        await engine.RunTurnAsync(ctx);
        return ctx;
    }
}
