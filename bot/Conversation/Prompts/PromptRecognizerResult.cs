using System.Text.Json.Nodes;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation.Dialogs;

namespace ChatBot.Bot.Conversation.Prompts;

internal sealed record PromptRecognizerResult<T>(bool Succeeded, T? Value = default, string? Error = null)
{
    public static PromptRecognizerResult<T> Fail(string? error = null) => new(false, default, error);
}
