using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom.Robot;

internal sealed class WeComRobotSelectedItems
{
    [JsonPropertyName("selected_item")] public List<WeComRobotSelectedItem>? SelectedItem { get; init; }
}
