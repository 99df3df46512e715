using ChatBot.Bot.Channels.BotFramework.Schema;

namespace ChatBot.Bot.Channels.Teams;

/// <summary>One page of a list: <see cref="Number"/> of <see cref="Total"/> (both 1-based), with the items on it.</summary>
internal sealed record Page<T>(int Number, int Total, int TotalItems, IReadOnlyList<T> Items)
{
    public bool HasNext => Number < Total;
    public bool HasPrevious => Number > 1;
    /// <summary>1-based position in the whole list of this page's first item (0 for an empty list).</summary>
    public int FirstIndex(int pageSize) => Items.Count == 0 ? 0 : (Number - 1) * pageSize + 1;
}
