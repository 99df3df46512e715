using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom.Robot;

/// <summary>A click on a template card: which card (task_id), which button or menu item (event_key), what was selected.</summary>
internal sealed class WeComRobotCardEvent
{
    [JsonPropertyName("card_type")] public string? CardType { get; init; }
    [JsonPropertyName("event_key")] public string? EventKey { get; init; }
    [JsonPropertyName("task_id")] public string? TaskId { get; init; }
    [JsonPropertyName("selected_items")] public WeComRobotSelectedItems? SelectedItems { get; init; }
}
