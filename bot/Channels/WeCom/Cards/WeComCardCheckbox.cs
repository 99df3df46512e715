using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom.Cards;

internal sealed class WeComCardCheckbox
{
    public const int SingleChoice = 0;
    public const int MultipleChoice = 1;

    [JsonPropertyName("question_key")] public required string QuestionKey { get; init; }
    [JsonPropertyName("option_list")] public required List<WeComCardOption> OptionList { get; init; }
    [JsonPropertyName("disable")] public bool? Disable { get; init; }
    [JsonPropertyName("mode")] public int Mode { get; init; }
}
