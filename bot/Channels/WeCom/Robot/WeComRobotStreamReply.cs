using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom.Robot;

internal sealed class WeComRobotStreamReply
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("finish")] public bool Finish { get; init; }

    /// <summary>Markdown, at most 20480 UTF-8 bytes (cut politely beyond).</summary>
    [JsonPropertyName("content")] public string? Content { get; init; }
    [JsonPropertyName("feedback")] public WeComRobotFeedback? Feedback { get; init; }

    internal static WeComRobotStreamReply Create(string streamId, string markdown, bool finish, string? feedbackId)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        ArgumentNullException.ThrowIfNull(markdown);
        return new WeComRobotStreamReply
        {
            Id = streamId,
            Finish = finish,
            Content = WeComText.TruncateUtf8(markdown, WeComText.RobotStreamMaxBytes),
            Feedback = feedbackId is null ? null : new WeComRobotFeedback { Id = feedbackId },
        };
    }
}
