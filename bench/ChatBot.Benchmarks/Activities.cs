using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;

namespace ChatBot.Benchmarks;

/// <summary>Teams group-chat messages that @mention the bot, serialised once per turn as the channel would send them.</summary>
internal static class BenchActivities
{
    public const string BotId = "28:bench-bot";
    private static long _next;

    public static byte[] GroupMention(string serviceUrl, string conversation, string user, string text, string? deliveryMode = null)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = $"bench-{Interlocked.Increment(ref _next)}",
            Timestamp = DateTimeOffset.UtcNow,
            ServiceUrl = serviceUrl,
            ChannelId = "msteams",
            From = new ChannelAccount { Id = user, Name = user, AadObjectId = "aad-" + user },
            Recipient = new ChannelAccount { Id = BotId, Name = "依法行政助手" },
            Conversation = new ConversationAccount { Id = conversation, ConversationType = "groupChat", IsGroup = true, TenantId = "bench-tenant" },
            Text = $"<at>依法行政助手</at> {text}",
            TextFormat = "plain",
            Locale = "zh-CN",
            DeliveryMode = deliveryMode,
            Entities = [new Entity { Type = "mention", Mentioned = new ChannelAccount { Id = BotId, Name = "依法行政助手" }, Text = "<at>依法行政助手</at>" }],
        };
        return JsonSerializer.SerializeToUtf8Bytes(activity, BotJson.Options);
    }
}
