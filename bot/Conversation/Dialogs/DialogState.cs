using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChatBot.Bot.Conversation.Dialogs;

/// <summary>The persisted state of one user in one conversation.</summary>
internal sealed class DialogState
{
    /// <summary>The dialog stack; the active dialog is the last one.</summary>
    public List<DialogInstance> Stack { get; set; } = new();
}
