using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChatBot.Bot.Conversation.Dialogs;

/// <summary>One dialog on the stack: its id, the version of the code that began it, and its own JSON state, which is persisted between turns.</summary>
internal sealed class DialogInstance
{
    public string Id { get; set; } = "";
    /// <summary><see cref="Dialog.Version"/> when it began; null in state saved before dialogs had versions.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Version { get; set; }
    public JsonObject State { get; set; } = new();
    /// <summary>What the user answered this dialog's prompts so far, as typed: offered back if an update ends the dialog.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<DialogAnswer>? Answers { get; set; }
}
