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
        ActivityJson = JsonSerializer.Serialize(activity, BotJson.Options),
        Markdown = markdown,
        MentionUserIds = mentionUserIds?.Distinct().ToList() ?? new(),
        DueUtc = dueUtc,
        NextAttemptUtc = dueUtc,
        ExpiresUtc = expiresUtc,
        TargetReferenceId = targetReferenceId,
    };

    public static Activity ActivityOf(OutboxMessage message) =>
        JsonSerializer.Deserialize<Activity>(message.ActivityJson, BotJson.Options) ?? new Activity { Text = message.Markdown };
}
