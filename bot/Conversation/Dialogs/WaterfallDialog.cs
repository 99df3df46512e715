using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Bot.Conversation.Prompts;

namespace ChatBot.Bot.Conversation.Dialogs;

/// <summary>
/// A sequence of steps; each step usually asks one question with a prompt and the next step receives the answer
/// in <see cref="WaterfallStepContext.Result"/>. Collected answers live in <see cref="WaterfallStepContext.Values"/>.
/// A saved instance remembers which step it is at by number, so its <see cref="Version"/> is derived from the names of
/// the steps in order: adding, removing, reordering or renaming a step gives a new version, and a dialog in flight
/// from the old one is ended politely instead of being moved to the wrong step (docs/conversation-rules.md).
/// </summary>
internal class WaterfallDialog : Dialog
{
    private const string StepIndex = "stepIndex";
    private const string ValuesKey = "values";
    private const string OptionsKey = "options";
    private readonly List<WaterfallStep> _steps = new();
    private string? _version;

    public WaterfallDialog(string id, IEnumerable<WaterfallStep>? steps = null) : base(id)
    {
        if (steps is not null) _steps.AddRange(steps);
    }

    protected WaterfallDialog AddStep(WaterfallStep step) { _steps.Add(step); _version = null; return this; }

    /// <summary>
    /// Set (to "2", "3", …) when a step changes what it asks or accepts while the list of steps stays the same (other
    /// choices, another unit): dialogs in flight that were asked the old question are then ended, not continued.
    /// </summary>
    protected string? Revision { get; init; }

    /// <summary>The names of the step methods, in order (what the version is derived from).</summary>
    public IReadOnlyList<string> StepNames => _steps.Select(s => s.Method.Name).ToList();

    /// <summary>A hash of <see cref="StepNames"/>, with ".r{Revision}" when a revision is set.</summary>
    public override string Version => _version ??= Derive(StepNames, Revision);

    /// <summary>State saved before versions existed is continued only if the steps are still those it was saved by.</summary>
    public override bool ContinuesUnversioned =>
        Revision is null && StepsBeforeVersioning is { } before && before.SequenceEqual(StepNames, StringComparer.Ordinal);

    /// <summary>The steps this dialog had when versions were introduced, if it existed then (<see cref="DialogsBeforeVersioning"/>).</summary>
    protected virtual IReadOnlyList<string>? StepsBeforeVersioning => DialogsBeforeVersioning.Steps(Id);

    internal static string Derive(IEnumerable<string> stepNames, string? revision)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", stepNames)));
        var version = Convert.ToHexString(hash, 0, 6).ToLowerInvariant();
        return revision is null ? version : $"{version}.r{revision}";
    }

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
