using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace ChatBot.Bot.Channels.WeCom.Robot;

internal sealed class WeComRobotSelectedItems
{
    [JsonPropertyName("selected_item")] public List<WeComRobotSelectedItem>? SelectedItem { get; init; }
}
