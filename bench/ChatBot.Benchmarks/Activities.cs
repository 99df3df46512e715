using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;

namespace ChatBot.Benchmarks;

/// <summary>Teams group-chat messages that @mention the bot, serialised once per turn as the channel would send them.</summary>
internal static class BenchActivities
{
    public const string BotId = "28:bench-bot";
    private static long _next;

    /// <param name="id">The activity's id; by default the next of a counter (the bot treats a repeated id as a redelivery).</param>
    public static byte[] GroupMention(string serviceUrl, string conversation, string user, string text, string? deliveryMode = null, string? id = null)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = id ?? $"bench-{Interlocked.Increment(ref _next)}",
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

/// <summary>
/// One group-mention activity serialised once, with a fixed-width id whose digits are rewritten for every post: the
/// raw load client sends what <see cref="BenchActivities.GroupMention"/> would, without serialising on the load's CPU.
/// </summary>
internal sealed class ActivityTemplate
{
    private const string Marker = "bench-0000000000000000000";
    private readonly byte[] _bytes;
    private readonly int _digitsAt;
    private static long _next = 1_000_000_000_000_000; // apart from BenchActivities' ids

    public ActivityTemplate(string serviceUrl, string conversation, string user, string text)
    {
        _bytes = BenchActivities.GroupMention(serviceUrl, conversation, user, text, id: Marker);
        _digitsAt = _bytes.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(Marker)) + "bench-".Length;
    }

    /// <summary>The activity with the next unique id (the bot treats a repeated id as a redelivery).</summary>
    public ReadOnlyMemory<byte> Next()
    {
        var id = Interlocked.Increment(ref _next);
        System.Buffers.Text.Utf8Formatter.TryFormat(id, _bytes.AsSpan(_digitsAt, 19), out _, new System.Buffers.StandardFormat('D', 19));
        return _bytes;
    }
}
