using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChatBot.Bot.Conversation.Dialogs;

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
