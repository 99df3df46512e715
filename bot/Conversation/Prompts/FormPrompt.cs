using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation.Dialogs;

namespace ChatBot.Bot.Conversation.Prompts;

/// <summary>
/// Sends a form card and waits for its submission. The result is {"submitted": {...values}} when the card was
/// submitted, or {"text": "..."} when the user typed instead, so a dialog can fall back to asking step by step.
/// </summary>
internal sealed class FormPrompt(string id = FormPrompt.DefaultId) : Dialog(id)
{
    public const string DefaultId = "prompt.form";
    private const string OptionsKey = "options";

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, JsonNode? options, CancellationToken ct)
    {
        dc.ActiveDialog!.State[OptionsKey] = options?.DeepClone();
        await RepromptDialogAsync(dc.Context, dc.ActiveDialog!, ct);
        return DialogTurnResult.Waiting;
    }

    public override Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken ct)
    {
        var ctx = dc.Context;
        if (ctx.Activity.Type is not (ActivityTypes.Message or ActivityTypes.Invoke)) return Task.FromResult(DialogTurnResult.Waiting);
        if (ctx.SubmitValue is { } value)
            return dc.EndDialogAsync(new JsonObject { ["submitted"] = JsonNode.Parse(value.GetRawText()) }, ct);
        return dc.EndDialogAsync(new JsonObject { ["text"] = ctx.Text }, ct);
    }

    public override async Task RepromptDialogAsync(TurnContext context, DialogInstance instance, CancellationToken ct)
    {
        var options = PromptOptions.From(instance.State[OptionsKey]);
        if (options.Card is null) { if (options.Prompt is not null) await context.SendTextAsync(options.Prompt); return; }
        var card = ChatBot.Cards.AdaptiveCards.AdaptiveCard.Parse(options.Card.ToJsonString());
        await context.SendActivityAsync(TurnContext.CardActivity(card, options.Prompt));
    }

    public static JsonObject? Submitted(JsonNode? result) => result?["submitted"] as JsonObject;
    public static string? TypedText(JsonNode? result) => result?["text"]?.GetValue<string>();
}
