using LiteDB;

namespace ChatBot.Storage;

/// <summary>
/// A part of the storage that owns collections. <see cref="ChatBotDatabase"/> finds every implementation in this
/// assembly and creates their collections (and the indexes declared here) when the file is opened, so a new store
/// cannot be left out of a hand-kept list. A test checks every collection name the code uses is owned.
/// </summary>
public interface IOwnsCollections
{
    /// <summary>The collections this part writes.</summary>
    static abstract IReadOnlyList<string> Collections { get; }

    /// <summary>Indexes made when the file is opened (stores that are always constructed may make theirs then).</summary>
    static virtual void EnsureIndexes(LiteDatabase db) { }
}
