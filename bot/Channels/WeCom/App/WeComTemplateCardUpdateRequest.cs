using System.Text.Json.Serialization;
using ChatBot.Bot.Channels.WeCom.Cards;

namespace ChatBot.Bot.Channels.WeCom.App;

/// <summary>
/// The body of message/update_template_card: either grey the clicked button out with a label, or replace the card.
/// </summary>
internal sealed class WeComTemplateCardUpdateRequest
{
    [JsonPropertyName("userids")] public List<string>? UserIds { get; init; }
    [JsonPropertyName("atall")] public int? AtAll { get; init; }

    /// <summary>Filled from <see cref="WeComOptions.AgentId"/> by the client when left 0.</summary>
    [JsonPropertyName("agentid")] public int AgentId { get; set; }

    /// <summary>From the click callback's ResponseCode (or message/send's response_code).</summary>
    [JsonPropertyName("response_code")] public required string ResponseCode { get; init; }
    [JsonPropertyName("button")] public WeComReplaceButton? Button { get; init; }
    [JsonPropertyName("template_card")] public WeComTemplateCard? TemplateCard { get; init; }

    public static WeComTemplateCardUpdateRequest ReplaceButtonText(string responseCode, string replaceName, params IEnumerable<string> userIds)
    {
        ArgumentException.ThrowIfNullOrEmpty(responseCode);
        ArgumentException.ThrowIfNullOrEmpty(replaceName);
        return new WeComTemplateCardUpdateRequest
        {
            ResponseCode = responseCode,
            Button = new WeComReplaceButton { ReplaceName = replaceName },
            UserIds = ListOrNull(userIds),
        };
    }

    private static List<string>? ListOrNull(IEnumerable<string> values) => values.ToList() is { Count: > 0 } list ? list : null;
}
