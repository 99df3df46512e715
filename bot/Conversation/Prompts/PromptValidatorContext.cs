using System.Text.Json.Nodes;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation.Dialogs;

namespace ChatBot.Bot.Conversation.Prompts;

internal sealed class PromptValidatorContext<T>(TurnContext context, PromptRecognizerResult<T> recognized, PromptOptions options, int attemptCount)
{
    public TurnContext Context => context;
    public PromptRecognizerResult<T> Recognized => recognized;
    public PromptOptions Options => options;
    public int AttemptCount => attemptCount;
    /// <summary>Set by a validator to tell the user exactly what is wrong.</summary>
    public string? RetryMessage { get; set; }
}

internal delegate Task<bool> PromptValidator<T>(PromptValidatorContext<T> prompt, CancellationToken ct);
