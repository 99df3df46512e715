using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChatBot.Bot.Conversation.Dialogs;

/// <summary>One answer to a prompt: the question (a short label of it) and the text the user gave.</summary>
internal sealed class DialogAnswer
{
    public string Question { get; set; } = "";
    public string Text { get; set; } = "";
    /// <summary>Free text, which may name people: not repeated in a group chat.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool MayBePersonal { get; set; }
}
