using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Channels.WeCom.Cards;
using ChatBot.Bot.Conversation;
using ChatBot.Storage.Conversations;

namespace ChatBot.Bot.Channels.WeCom;

/// <summary>Runs a turn for a WeCom activity with a buffering adapter and downgrades what the bot said.</summary>
internal sealed class WeComTurns(TurnRunner runner, WeComCardDowngrade downgrade)
{
    /// <param name="capabilities">Null: <see cref="WeComOrigin.Capabilities"/> (forms become web-page links).</param>
    public async Task<WeComTurnResult> RunAsync(WeComOrigin origin, Activity activity, CancellationToken ct, ChannelCapabilities? capabilities = null)
    {
        var adapter = new BufferingAdapter(capabilities ?? WeComOrigin.Capabilities);
        var ctx = await runner.RunAsync(activity, adapter, ct);
        var scope = new WeComReplyScope(origin, ctx.Workspace.Id, ConversationEngine.StateKey(activity));
        List<Activity> sent;
        lock (adapter.Sent) sent = adapter.Sent.ToList();
        return new WeComTurnResult(ctx, sent.SelectMany(a => downgrade.Downgrade(a, scope)).ToList());
    }
}
