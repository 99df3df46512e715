using System.Text.Json.Nodes;
using ChatBot.Bot.Conversation.Prompts;

namespace ChatBot.Bot.Conversation.Dialogs;

internal delegate Task<DialogTurnResult> WaterfallStep(WaterfallStepContext step, CancellationToken ct);

/// <summary>
/// A sequence of steps; each step usually asks one question with a prompt and the next step receives the answer
/// in <see cref="WaterfallStepContext.Result"/>. Collected answers live in <see cref="WaterfallStepContext.Values"/>.
/// </summary>
internal class WaterfallDialog : Dialog
{
    private const string StepIndex = "stepIndex";
    private const string ValuesKey = "values";
    private const string OptionsKey = "options";
    private readonly List<WaterfallStep> _steps = new();

    public WaterfallDialog(string id, IEnumerable<WaterfallStep>? steps = null) : base(id)
    {
        if (steps is not null) _steps.AddRange(steps);
    }

    protected WaterfallDialog AddStep(WaterfallStep step) { _steps.Add(step); return this; }

    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, JsonNode? options, CancellationToken ct)
    {
        var state = dc.ActiveDialog!.State;
        state[ValuesKey] = new JsonObject();
        state[OptionsKey] = options?.DeepClone();
        return RunStepAsync(dc, 0, DialogReason.BeginCalled, null, ct);
    }

    /// <summary>A message arrived while no prompt was waiting: it is the answer to the current step.</summary>
    public override Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken ct)
    {
        var text = PromptInput.TextOf(dc.Context);
        return ResumeDialogAsync(dc, DialogReason.ContinueCalled, text is null ? null : JsonValue.Create(text), ct);
    }

    public override Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, JsonNode? result, CancellationToken ct)
    {
        var index = dc.ActiveDialog!.State[StepIndex]?.GetValue<int>() ?? 0;
        return RunStepAsync(dc, index + 1, reason, result, ct);
    }

    internal async Task<DialogTurnResult> RunStepAsync(DialogContext dc, int index, DialogReason reason, JsonNode? result, CancellationToken ct)
    {
        if (index >= _steps.Count) return await dc.EndDialogAsync(result, ct);
        var instance = dc.ActiveDialog!;
        instance.State[StepIndex] = index;
        var values = instance.State[ValuesKey] as JsonObject ?? new JsonObject();
        instance.State[ValuesKey] = values;
        var step = new WaterfallStepContext(this, dc, index, reason, result, values, instance.State[OptionsKey]);
        return await _steps[index](step, ct);
    }
}

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
