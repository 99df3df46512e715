using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Cards;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Storage.Conversations;

namespace ChatBot.Bot.Conversation;

internal static class TimeZones
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TimeZoneInfo> Cache = new();

    public const string Default = "Asia/Shanghai";

    public static TimeZoneInfo Find(string? id) => Cache.GetOrAdd(string.IsNullOrWhiteSpace(id) ? Default : id, key =>
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById(key); }
        catch (Exception) when (key != Default) { return Find(Default); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.CreateCustomTimeZone(Default, TimeSpan.FromHours(8), "China Standard Time", "China Standard Time"); }
    });
}
