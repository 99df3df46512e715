using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Storage.Reminders;

namespace ChatBot.Bot.Reminders;

/// <summary>Builds outbox messages from activities, the one shape every source should use.</summary>
internal static class ReminderMessages
{
    public static OutboxMessage Create(string key, string workspaceId, string kind, Activity activity, DateTimeOffset dueUtc,
        string? markdown = null, IEnumerable<string>? mentionUserIds = null, DateTimeOffset? expiresUtc = null, string? targetReferenceId = null) => new()
    {
        Key = key,
        WorkspaceId = workspaceId,
        Kind = kind,
        ActivityUtf8 = JsonSerializer.SerializeToUtf8Bytes(activity, BotJson.Options),
        Markdown = markdown,
        MentionUserIds = mentionUserIds?.Distinct().ToList() ?? new(),
        DueUtc = dueUtc,
        NextAttemptUtc = dueUtc,
        ExpiresUtc = expiresUtc,
        TargetReferenceId = targetReferenceId,
    };

    /// <summary>The message's activity (saved as UTF-8, or as a string by older versions).</summary>
    public static Activity ActivityOf(OutboxMessage message) =>
        (message.ActivityUtf8.Length > 0 ? JsonSerializer.Deserialize<Activity>(message.ActivityUtf8, BotJson.Options)
            : message.ActivityJson is { Length: > 0 } json ? JsonSerializer.Deserialize<Activity>(json, BotJson.Options) : null)
        ?? new Activity { Text = message.Markdown };
}
