using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChatBot.Bot.Conversation.Dialogs;

internal enum DialogTurnStatus { Empty, Waiting, Complete, Cancelled }

internal enum DialogReason { BeginCalled, ContinueCalled, EndCalled, NextCalled }

internal sealed record DialogTurnResult(DialogTurnStatus Status, JsonNode? Result = null)
{
    public static readonly DialogTurnResult Waiting = new(DialogTurnStatus.Waiting);
}

/// <summary>One dialog on the stack: its id, the version of the code that began it, and its own JSON state, which is persisted between turns.</summary>
internal sealed class DialogInstance
{
    public string Id { get; set; } = "";
    /// <summary><see cref="Dialog.Version"/> when it began; null in state saved before dialogs had versions.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Version { get; set; }
    public JsonObject State { get; set; } = new();
    /// <summary>What the user answered this dialog's prompts so far, as typed: offered back if an update ends the dialog.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<DialogAnswer>? Answers { get; set; }
}

/// <summary>One answer to a prompt: the question (a short label of it) and the text the user gave.</summary>
internal sealed class DialogAnswer
{
    public string Question { get; set; } = "";
    public string Text { get; set; } = "";
    /// <summary>Free text, which may name people: not repeated in a group chat.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool MayBePersonal { get; set; }
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

    /// <summary>
    /// Saved with every instance of this dialog. A saved instance whose version differs from the running code's is not
    /// continued (its state may mean something else now): the engine ends it politely. Prompts keep "1": their state
    /// (the options they were asked with) is read the same way by every version.
    /// </summary>
    public virtual string Version => "1";

    /// <summary>Whether an instance saved before dialogs had versions (no version field) can be continued by this code.</summary>
    public virtual bool ContinuesUnversioned => true;

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

    /// <summary>Whether the running code can continue a saved instance: its dialog still exists, at the version it began with.</summary>
    public bool CanContinue(DialogInstance instance) =>
        Find(instance.Id) is { } dialog && (instance.Version is null ? dialog.ContinuesUnversioned : instance.Version == dialog.Version);
}
