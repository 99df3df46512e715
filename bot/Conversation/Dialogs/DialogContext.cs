using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Bot.Conversation.Prompts;

namespace ChatBot.Bot.Conversation.Dialogs;

/// <summary>The dialog stack of one turn, with the SDK's verbs to change it.</summary>
internal sealed class DialogContext(DialogSet dialogs, TurnContext context, DialogState state)
{
    public DialogSet Dialogs { get; } = dialogs;
    public TurnContext Context { get; } = context;
    public DialogState State { get; } = state;
    public List<DialogInstance> Stack => State.Stack;
    public DialogInstance? ActiveDialog => Stack.Count > 0 ? Stack[^1] : null;

    public async Task<DialogTurnResult> BeginDialogAsync(string dialogId, JsonNode? options = null, CancellationToken ct = default)
    {
        var dialog = Dialogs.Find(dialogId) ?? throw new InvalidOperationException($"No dialog with id '{dialogId}'.");
        Stack.Add(new DialogInstance { Id = dialogId, Version = dialog.Version });
        return await dialog.BeginDialogAsync(this, options, ct);
    }

    public Task<DialogTurnResult> PromptAsync(string promptId, PromptOptions options, CancellationToken ct = default) =>
        BeginDialogAsync(promptId, JsonSerializer.SerializeToNode(options, PromptOptions.Json), ct);

    /// <summary>A dialog on the stack was begun by other code (an older version of the bot): it must not be continued.</summary>
    public bool HasOutdatedDialog => Stack.Exists(instance => !Dialogs.CanContinue(instance));

    /// <summary>
    /// Keeps a prompt's accepted answer with the dialog that asked (the one below the prompt), one per question; a later
    /// answer to the same question replaces it. Only for offering the answers back if an update ends the dialog.
    /// </summary>
    public void RecordAnswer(string? question, string? text, bool mayBePersonal)
    {
        if (Stack.Count < 2 || string.IsNullOrWhiteSpace(text)) return;
        var label = DialogAnswers.Label(question);
        if (label.Length == 0) return;
        var answers = Stack[^2].Answers ??= new List<DialogAnswer>();
        answers.RemoveAll(a => a.Question == label);
        answers.Add(new DialogAnswer { Question = label, Text = text.Trim(), MayBePersonal = mayBePersonal });
    }

    public async Task<DialogTurnResult> ContinueDialogAsync(CancellationToken ct = default)
    {
        var active = ActiveDialog;
        if (active is null) return new DialogTurnResult(DialogTurnStatus.Empty);
        var dialog = Dialogs.Find(active.Id);
        if (dialog is null)
        {
            // The engine ends outdated dialogs before continuing (HasOutdatedDialog); a direct caller still must not fail every turn.
            Stack.Clear();
            return new DialogTurnResult(DialogTurnStatus.Empty);
        }
        return await dialog.ContinueDialogAsync(this, ct);
    }

    public async Task<DialogTurnResult> EndDialogAsync(JsonNode? result = null, CancellationToken ct = default)
    {
        if (Stack.Count > 0) Stack.RemoveAt(Stack.Count - 1);
        var parent = ActiveDialog;
        if (parent is not null && Dialogs.Find(parent.Id) is { } dialog)
            return await dialog.ResumeDialogAsync(this, DialogReason.EndCalled, result, ct);
        return new DialogTurnResult(DialogTurnStatus.Complete, result);
    }

    public DialogTurnResult CancelAllDialogs()
    {
        var had = Stack.Count > 0;
        Stack.Clear();
        return new DialogTurnResult(had ? DialogTurnStatus.Cancelled : DialogTurnStatus.Empty);
    }

    public async Task RepromptDialogAsync(CancellationToken ct = default)
    {
        if (ActiveDialog is { } active && Dialogs.Find(active.Id) is { } dialog)
            await dialog.RepromptDialogAsync(Context, active, ct);
    }
}
