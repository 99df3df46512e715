using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChatBot.Bot.Conversation.Dialogs;

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
