using System.Text.Json.Nodes;

namespace ChatBot.Bot.Conversation.Dialogs;

internal enum DialogTurnStatus { Empty, Waiting, Complete, Cancelled }

internal enum DialogReason { BeginCalled, ContinueCalled, EndCalled, NextCalled }

internal sealed record DialogTurnResult(DialogTurnStatus Status, JsonNode? Result = null)
{
    public static readonly DialogTurnResult Waiting = new(DialogTurnStatus.Waiting);
}

/// <summary>One dialog on the stack: its id and its own JSON state, which is persisted between turns.</summary>
internal sealed class DialogInstance
{
    public string Id { get; set; } = "";
    public JsonObject State { get; set; } = new();
}

/// <summary>The persisted state of one user in one conversation.</summary>
internal sealed class DialogState
{
    /// <summary>The dialog stack; the active dialog is the last one.</summary>
    public List<DialogInstance> Stack { get; set; } = new();
}

/// <summary>
/// A dialog, as in the Bot Framework SDK: begun with options, continued by each new message, resumed when a child
/// dialog it began (a prompt) ends. Dialog objects are stateless singletons; all state is in the <see cref="DialogInstance"/>.
/// </summary>
internal abstract class Dialog(string id)
{
    public string Id { get; } = id;

    public abstract Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, JsonNode? options, CancellationToken ct);

    public virtual Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken ct) => dc.EndDialogAsync(null, ct);

    /// <summary>A child ended. By default the dialog asks its question again and waits.</summary>
    public virtual async Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, JsonNode? result, CancellationToken ct)
    {
        await RepromptDialogAsync(dc.Context, dc.ActiveDialog!, ct);
        return DialogTurnResult.Waiting;
    }

    public virtual Task RepromptDialogAsync(TurnContext context, DialogInstance instance, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>All dialogs the bot knows, by id.</summary>
internal sealed class DialogSet
{
    private readonly Dictionary<string, Dialog> _dialogs = new(StringComparer.Ordinal);

    public DialogSet(IEnumerable<Dialog> dialogs)
    {
        foreach (var d in dialogs)
            if (!_dialogs.TryAdd(d.Id, d)) throw new InvalidOperationException($"Two dialogs share the id '{d.Id}'.");
    }

    public Dialog? Find(string id) => _dialogs.GetValueOrDefault(id);
}
