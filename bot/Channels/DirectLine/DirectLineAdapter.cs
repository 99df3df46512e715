using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Channels.DirectLine;

/// <summary>Delivers the bot's replies by appending them to the Direct Line conversation's log (streams push them).</summary>
internal sealed class DirectLineAdapter(DirectLineConversation conversation, ChannelAccount bot, TimeProvider clock) : ChannelAdapter
{
    public override ChannelCapabilities Capabilities => ChannelCapabilities.Full;

    /// <summary>The built-in Web Chat is the office's own: its turns act on the local workspace.</summary>
    public override bool ServesLocalWorkspace => true;

    public override Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken ct)
    {
        var id = conversation.Append(FromBot(activity, bot, conversation), clock.GetUtcNow());
        return Task.FromResult(new ResourceResponse { Id = id });
    }

    /// <summary>
    /// Web Chat has no "message updated" event, but it puts an activity whose id it has seen in place of the old one:
    /// the replacement is delivered again under the same id (<see cref="DirectLineConversation.Replace"/>).
    /// </summary>
    public override Task UpdateActivityAsync(Activity activity, CancellationToken ct)
    {
        if (activity.Id is not null) conversation.Replace(FromBot(activity, bot, conversation));
        return Task.CompletedTask;
    }

    public override string? FindCardActivity(string cardId) => conversation.CardActivity(cardId);

    public static Activity FromBot(Activity activity, ChannelAccount bot, DirectLineConversation conversation)
    {
        activity.Type ??= ActivityTypes.Message;
        activity.From = new ChannelAccount { Id = bot.Id, Name = bot.Name, Role = "bot" };
        if (conversation.UserId is not null) activity.Recipient = new ChannelAccount { Id = conversation.UserId, Name = conversation.UserName, Role = "user" };
        activity.ChannelId = DirectLineConversation.ChannelId;
        activity.ServiceUrl = "";
        return activity;
    }

    public static ChannelAccount BotAccount(BotOptions options) => new() { Id = "chatbot", Name = options.BotName, Role = "bot" };
}
