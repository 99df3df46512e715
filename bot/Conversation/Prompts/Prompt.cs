using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation.Dialogs;

namespace ChatBot.Bot.Conversation.Prompts;

/// <summary>
/// Asks a question, recognises the answer, validates it and asks again (saying what was wrong) until it gets a good one
/// or the user cancels. The recognised value is the dialog's result, as JSON.
/// </summary>
internal abstract class Prompt<T>(string id, PromptValidator<T>? validator = null) : Dialog(id)
{
    private const string OptionsKey = "options";
    private const string AttemptKey = "attempt";

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, JsonNode? options, CancellationToken ct)
    {
        var state = dc.ActiveDialog!.State;
        var promptOptions = PromptOptions.From(options);
        var offered = promptOptions.Answer;
        promptOptions.Answer = null; // asking again later must not answer again
        state[OptionsKey] = JsonSerializer.SerializeToNode(promptOptions, PromptOptions.Json);
        state[AttemptKey] = 0;
        // Text the user already gave (typed next to a form, or after the command) answers the question if it fits.
        if (!string.IsNullOrWhiteSpace(offered)) return await AnswerAsync(dc, promptOptions, offered, ct);
        await OnPromptAsync(dc.Context, promptOptions, null, ct);
        return DialogTurnResult.Waiting;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken ct)
    {
        var ctx = dc.Context;
        if (ctx.Activity.Type is not (ActivityTypes.Message or ActivityTypes.Invoke)) return DialogTurnResult.Waiting;
        return await AnswerAsync(dc, PromptOptions.From(dc.ActiveDialog!.State[OptionsKey]), PromptInput.TextOf(ctx), ct);
    }

    /// <summary>Recognises and validates an answer: ends the prompt with its value, or says what is wrong and asks again.</summary>
    private async Task<DialogTurnResult> AnswerAsync(DialogContext dc, PromptOptions options, string? text, CancellationToken ct)
    {
        var ctx = dc.Context;
        var state = dc.ActiveDialog!.State;
        var attempt = (state[AttemptKey]?.GetValue<int>() ?? 0) + 1;
        state[AttemptKey] = attempt;

        if (options.Optional && text is not null && PromptInput.IsSkip(text))
            return await dc.EndDialogAsync(null, ct);

        var recognized = await RecognizeAsync(ctx, text, options, ct);
        string? retry = recognized.Error;
        if (recognized.Succeeded && validator is not null)
        {
            var pc = new PromptValidatorContext<T>(ctx, recognized, options, attempt);
            if (!await validator(pc, ct)) { recognized = PromptRecognizerResult<T>.Fail(); retry = pc.RetryMessage; }
        }
        if (recognized.Succeeded)
        {
            dc.RecordAnswer(options.Prompt, AnswerText(recognized.Value!, text, options), AnswerMayBePersonal);
            return await dc.EndDialogAsync(JsonSerializer.SerializeToNode(recognized.Value, PromptOptions.Json), ct);
        }

        await OnPromptAsync(ctx, options, retry ?? options.RetryPrompt ?? DefaultRetry(ctx), ct);
        return DialogTurnResult.Waiting;
    }

    public override Task RepromptDialogAsync(TurnContext context, DialogInstance instance, CancellationToken ct) =>
        OnPromptAsync(context, PromptOptions.From(instance.State[OptionsKey]), null, ct);

    /// <summary>The accepted answer as the user would recognise it, to offer back if an update ends the dialog; null: not kept.</summary>
    protected virtual string? AnswerText(T value, string? input, PromptOptions options) => input;

    /// <summary>Free text may name people: such answers are not repeated in a group chat.</summary>
    protected virtual bool AnswerMayBePersonal => false;

    protected virtual string DefaultRetry(TurnContext ctx) => ctx.T("没能识别您的回答,请再试一次。", "Sorry, I didn't get that. Please try again.");

    /// <summary>Sends the question; on a retry, <paramref name="retry"/> says first what was wrong.</summary>
    protected virtual async Task OnPromptAsync(TurnContext ctx, PromptOptions options, string? retry, CancellationToken ct)
    {
        if (options.Card is { } card)
        {
            if (retry is not null) await ctx.SupersedeClickedCardAsync();
            if (retry is not null) await ctx.SendTextAsync(retry);
            await ctx.SendActivityAsync(TurnContext.CardActivity(ChatBot.Cards.AdaptiveCards.AdaptiveCard.Parse(card.ToJsonString()), options.Prompt));
            return;
        }
        var question = options.Text();
        if (options.Optional) question += ctx.T("(可回复“跳过”)", " (or reply \"skip\")");
        await ctx.SendTextAsync(retry is null ? question : $"{retry}\n\n{question}");
    }

    /// <param name="input">The answer as text (typed, from a card field, or offered before the question was asked).</param>
    protected abstract Task<PromptRecognizerResult<T>> RecognizeAsync(TurnContext ctx, string? input, PromptOptions options, CancellationToken ct);
}
