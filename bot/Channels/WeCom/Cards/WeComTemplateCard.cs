using System.Text;
using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom.Cards;

/// <summary>
/// A template card (模板卡片), the same JSON for app messages, the group robot webhook and smart robot replies.
/// Build with the factories, which enforce WeCom's limits; fields WeCom does not need stay null and are omitted.
/// Free-text input is not possible in a card: forms go to a web page.
/// </summary>
internal sealed class WeComTemplateCard
{
    public const int MaxButtons = 6;
    public const int MaxTaskIdBytes = 128;

    [JsonPropertyName("card_type")] public required string CardType { get; init; }
    [JsonPropertyName("source")] public WeComCardSource? Source { get; init; }
    [JsonPropertyName("main_title")] public WeComCardTitle? MainTitle { get; init; }
    [JsonPropertyName("emphasis_content")] public WeComCardTitle? EmphasisContent { get; init; }
    [JsonPropertyName("sub_title_text")] public string? SubTitleText { get; init; }
    [JsonPropertyName("horizontal_content_list")] public List<WeComCardHorizontalContent>? HorizontalContentList { get; init; }
    [JsonPropertyName("jump_list")] public List<WeComCardJump>? JumpList { get; init; }
    [JsonPropertyName("card_action")] public WeComCardAction? CardAction { get; init; }
    [JsonPropertyName("button_list")] public List<WeComCardButton>? ButtonList { get; init; }
    [JsonPropertyName("checkbox")] public WeComCardCheckbox? Checkbox { get; init; }
    [JsonPropertyName("submit_button")] public WeComCardSubmitButton? SubmitButton { get; init; }

    /// <summary>Unique per card; comes back in click events. Digits, letters and "_-@", at most 128 bytes.</summary>
    [JsonPropertyName("task_id")] public string? TaskId { get; init; }

    /// <summary>A notice that opens <paramref name="url"/> when tapped (text_notice requires a card action).</summary>
    public static WeComTemplateCard TextNotice(string title, string? description, string url, string? subTitle = null,
        IEnumerable<WeComCardHorizontalContent>? details = null, string? taskId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(title);
        ArgumentException.ThrowIfNullOrEmpty(url);
        return new WeComTemplateCard
        {
            CardType = WeComCardTypes.TextNotice,
            MainTitle = new WeComCardTitle { Title = title, Desc = description },
            SubTitleText = subTitle,
            HorizontalContentList = details?.ToList(),
            CardAction = new WeComCardAction { Type = WeComCardAction.OpenUrl, Url = url },
            TaskId = taskId is null ? null : ValidTaskId(taskId),
        };
    }

    /// <summary>Up to six buttons; a click sends template_card_event with the button's key and this task id.</summary>
    public static WeComTemplateCard ButtonInteraction(string taskId, string title, string? description,
        IReadOnlyCollection<WeComCardButton> buttons, string? subTitle = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(title);
        ArgumentNullException.ThrowIfNull(buttons);
        if (buttons.Count is 0 or > MaxButtons)
        {
            throw new ArgumentException($"A button card needs 1 to {MaxButtons} buttons.", nameof(buttons));
        }

        return new WeComTemplateCard
        {
            CardType = WeComCardTypes.ButtonInteraction,
            MainTitle = new WeComCardTitle { Title = title, Desc = description },
            SubTitleText = subTitle,
            ButtonList = buttons.ToList(),
            TaskId = ValidTaskId(taskId),
        };
    }

    /// <summary>A single or multiple choice question with a submit button; the click carries the selected option ids.</summary>
    public static WeComTemplateCard VoteInteraction(string taskId, string title, string? description, string questionKey,
        IReadOnlyCollection<WeComCardOption> options, string submitText, string submitKey, bool multipleChoice = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(title);
        ArgumentException.ThrowIfNullOrEmpty(questionKey);
        ArgumentException.ThrowIfNullOrEmpty(submitText);
        ArgumentException.ThrowIfNullOrEmpty(submitKey);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Count == 0)
        {
            throw new ArgumentException("A vote card needs options.", nameof(options));
        }

        return new WeComTemplateCard
        {
            CardType = WeComCardTypes.VoteInteraction,
            MainTitle = new WeComCardTitle { Title = title, Desc = description },
            Checkbox = new WeComCardCheckbox
            {
                QuestionKey = questionKey,
                OptionList = options.ToList(),
                Mode = multipleChoice ? WeComCardCheckbox.MultipleChoice : WeComCardCheckbox.SingleChoice,
            },
            SubmitButton = new WeComCardSubmitButton { Text = submitText, Key = submitKey },
            TaskId = ValidTaskId(taskId),
        };
    }

    public static bool IsValidTaskId(string? taskId) =>
        !string.IsNullOrEmpty(taskId)
        && Encoding.UTF8.GetByteCount(taskId) <= MaxTaskIdBytes
        && taskId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '@');

    private static string ValidTaskId(string taskId) => IsValidTaskId(taskId)
        ? taskId
        : throw new ArgumentException("task_id: digits, letters and _-@ only, at most 128 bytes.", nameof(taskId));
}
