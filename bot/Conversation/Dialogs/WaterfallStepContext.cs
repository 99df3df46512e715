using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Bot.Conversation.Prompts;

namespace ChatBot.Bot.Conversation.Dialogs;

internal sealed class WaterfallStepContext(WaterfallDialog parent, DialogContext dc, int index, DialogReason reason, JsonNode? result, JsonObject values, JsonNode? options)
{
    public DialogContext Dialog => dc;
    public TurnContext Context => dc.Context;
    public int Index => index;
    public DialogReason Reason => reason;
    /// <summary>The answer of the previous step's prompt (or the text of the message).</summary>
    public JsonNode? Result => result;
    /// <summary>Answers collected so far, persisted with the dialog.</summary>
    public JsonObject Values => values;
    public JsonNode? Options => options;

    public string T(string zh, string en) => Context.T(zh, en);

    public Task<DialogTurnResult> PromptAsync(string promptId, PromptOptions promptOptions, CancellationToken ct = default) =>
        dc.PromptAsync(promptId, promptOptions, ct);

    /// <summary>Skips to the next step without waiting for the user.</summary>
    public Task<DialogTurnResult> NextAsync(JsonNode? nextResult = null, CancellationToken ct = default) =>
        parent.RunStepAsync(dc, index + 1, DialogReason.NextCalled, nextResult, ct);

    /// <summary>Runs a given step again (used to re-show a form with errors).</summary>
    public Task<DialogTurnResult> GoToAsync(int stepIndex, JsonNode? nextResult = null, CancellationToken ct = default) =>
        parent.RunStepAsync(dc, stepIndex, DialogReason.NextCalled, nextResult, ct);

    public Task<DialogTurnResult> EndDialogAsync(JsonNode? endResult = null, CancellationToken ct = default) => dc.EndDialogAsync(endResult, ct);
}
