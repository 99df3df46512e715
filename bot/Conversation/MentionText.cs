using System.Text.RegularExpressions;
using ChatBot.Bot.Channels.BotFramework.Schema;

namespace ChatBot.Bot.Conversation;

/// <summary>Removes the bot's @mention from a message ("&lt;at&gt;Bot&lt;/at&gt; help" in Teams; WeCom's "@Bot" prefix is removed by its channel).</summary>
internal static partial class MentionText
{
    public static string StripBotMention(Activity activity)
    {
        var text = activity.Text ?? "";
        var botId = activity.Recipient?.Id;
        foreach (var e in activity.Entities ?? [])
        {
            if (!string.Equals(e.Type, "mention", StringComparison.OrdinalIgnoreCase) || e.Mentioned?.Id is null) continue;
            if (botId is not null && e.Mentioned.Id != botId) continue;
            if (!string.IsNullOrEmpty(e.Text)) text = text.Replace(e.Text, " ", StringComparison.Ordinal);
        }
        // Teams sometimes sends the mention markup without an entity for the bot (e.g. forwarded text).
        text = AtTag().Replace(text, m => botId is null || m.Value.Contains(activity.Recipient?.Name ?? "\u0000") ? " " : m.Value);
        return Regex.Replace(text.Replace("&nbsp;", " ").Replace('\u00A0', ' '), @"\s+", " ").Trim();
    }

    [GeneratedRegex("<at>[^<]*</at>", RegexOptions.IgnoreCase)]
    private static partial Regex AtTag();
}
