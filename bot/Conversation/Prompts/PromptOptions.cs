using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChatBot.Bot.Conversation.Prompts;

/// <summary>What a prompt asks; serialisable because it is kept in the dialog state to ask again after a restart.</summary>
internal sealed class PromptOptions
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The question, already in the user's language.</summary>
    public string? Prompt { get; set; }
    /// <summary>Said when the answer was not understood; defaults to a polite hint plus the question.</summary>
    public string? RetryPrompt { get; set; }
    /// <summary>An Adaptive Card sent as the question (form prompts, choice buttons).</summary>
    public JsonObject? Card { get; set; }
    public List<PromptChoice>? Choices { get; set; }
    /// <summary>Prompt-specific limits (e.g. min/max for numbers, "notFuture" for dates).</summary>
    public JsonObject? Validations { get; set; }
    /// <summary>When true the user may answer "跳过"/"skip" and the prompt returns null.</summary>
    public bool Optional { get; set; }
    /// <summary>
    /// An answer the user already gave (typed next to a form, or after the command word): tried before asking; the
    /// question is sent only when it does not fit, with what was wrong. Never stored with the waiting prompt.
    /// </summary>
    public string? Answer { get; set; }
    /// <summary>
    /// Lines to check before answering (a confirmation summary): a table on a card; "title: value" lines, one per line,
    /// in text. Markdown would join plain lines into one paragraph, which is why they are not simply in the prompt.
    /// </summary>
    public List<PromptFact>? Facts { get; set; }
    /// <summary>The question after the <see cref="Facts"/> ("确认保存吗?"); the prompt is their heading then.</summary>
    public string? Question { get; set; }

    /// <summary>The whole question as text: the prompt, the facts one per line, the closing question.</summary>
    public string Text()
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(Prompt)) parts.Add(Prompt);
        if (Facts is { Count: > 0 }) parts.Add(string.Join("\n", Facts.Select(f => $"{f.Title}: {f.Value}")));
        var text = string.Join("\n", parts);
        return string.IsNullOrEmpty(Question) ? text : text + "\n\n" + Question;
    }

    public static PromptOptions From(JsonNode? node) => node?.Deserialize<PromptOptions>(Json) ?? new PromptOptions();
}
