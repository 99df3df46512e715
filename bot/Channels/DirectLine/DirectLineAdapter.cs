using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Channels.DirectLine;

/// <summary>
/// Delivers the bot's replies by appending them to the Direct Line conversation's log (streams push them). Every page
/// acts on the one local workspace, as the members of one group chat do; as a group's @mention reaches the person
/// named, a reply that @mentions someone is also delivered to that person's open pages (<paramref name="pages"/>).
/// </summary>
internal sealed class DirectLineAdapter(DirectLineConversation conversation, ChannelAccount bot, TimeProvider clock, DirectLineConversationStore? pages = null) : ChannelAdapter
{
    public override ChannelCapabilities Capabilities => ChannelCapabilities.Full;

    /// <summary>The built-in Web Chat is the office's own: its turns act on the local workspace.</summary>
    public override bool ServesLocalWorkspace => true;

    public override Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var id = conversation.Append(FromBot(activity, bot, conversation), now);
        if (pages is not null) DeliverToMentioned(activity, now);
        return Task.FromResult(new ResourceResponse { Id = id });
    }

    /// <summary>A copy for each other open page of a person the activity @mentions (not the sender's own page).</summary>
    private void DeliverToMentioned(Activity activity, DateTimeOffset now)
    {
        var mentioned = (activity.Entities ?? [])
            .Where(e => string.Equals(e.Type, "mention", StringComparison.OrdinalIgnoreCase) && e.Mentioned?.Id is { Length: > 0 } id && id != conversation.UserId && id != bot.Id)
            .Select(e => e.Mentioned!.Id!).ToHashSet(StringComparer.Ordinal);
        if (mentioned.Count == 0) return;
        var json = JsonSerializer.Serialize(activity, BotJson.Options);
        foreach (var page in pages!.OpenOf(mentioned))
        {
            if (page == conversation) continue;
            var copy = JsonSerializer.Deserialize<Activity>(json, BotJson.Options)!;
            // Its own id, time and place in that page; it answers nothing there.
            (copy.Id, copy.ReplyToId, copy.Timestamp) = (null, null, null);
            page.Append(FromBot(copy, bot, page), now);
        }
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
