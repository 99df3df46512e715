using System.Diagnostics;
using System.Security.Cryptography;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Engine;
using LiteDB;

namespace ChatBot.Storage.Backups;

/// <summary>
/// Takes a consistent copy of the live database while the bot runs. Under the engine's exclusive gate (no transaction
/// open, none can start): LiteDB's log is checkpointed into the data file (which LiteDB then fsyncs and truncates the
/// log), the data file is copied byte for byte, every collection is counted, and the dialog state the journal holds
/// but LiteDB does not yet is read from the journaled store. After the gate is released that dialog state is written
/// into the copy, so the copy is one file with everything acknowledged before the gate was taken. See
/// docs/admin/backups.md for why a file copy and not LiteDB's rebuild.
/// </summary>
public static class DatabaseBackup
{
    /// <param name="dialogState">The bot's dialog-state store, whose journal is included; null when there is none.</param>
    /// <param name="clock">Stamps the copy.</param>
    public static BackupCopy Copy(LiteDatabase db, string targetFile, JournaledDialogStateStore? dialogState, TimeProvider clock)
    {
        var engine = ChatBotDatabase.EngineOf(db);
        var source = ChatBotDatabase.FileOf(db);
        if (engine is null || source is null)
            throw new InvalidOperationException("Only a database file opened by ChatBotDatabase.Open can be backed up.");
        var target = Path.GetFullPath(targetFile);
        if (string.Equals(target, source, StringComparison.Ordinal))
            throw new ArgumentException("A backup cannot be written over the database itself.", nameof(targetFile));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = PartialOf(target);
        DeleteWithLog(partial);

        Dictionary<string, long> counts;
        List<KeyValuePair<string, DialogStateRecord?>> pending;
        DateTimeOffset taken;
        TimeSpan held;
        using (var copy = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
        {
            (counts, pending, taken, held) = engine.Exclusive(inner =>
            {
                var started = Stopwatch.GetTimestamp();
                inner.Checkpoint();
                using (var from = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 20))
                    from.CopyTo(copy);
                copy.Flush(flushToDisk: false); // into the OS; the fsync below runs after the gate is released
                var liveCounts = CountLive(db);
                var journal = dialogState?.PendingStates() ?? [];
                liveCounts[ChatBotDatabase.DialogState] = DialogStateCount(db, liveCounts.GetValueOrDefault(ChatBotDatabase.DialogState), journal);
                return (liveCounts, journal, clock.GetUtcNow(), Stopwatch.GetElapsedTime(started));
            });
            copy.Flush(flushToDisk: true);
        }
        try
        {
            if (pending.Count > 0) WriteDialogState(partial, pending);
            File.Move(partial, target, overwrite: true);
            SyncDirectory(Path.GetDirectoryName(target)!);
        }
        catch
        {
            DeleteWithLog(partial);
            throw;
        }
        return new BackupCopy(target, taken, new FileInfo(target).Length, Sha256Of(target), counts, held);
    }

    /// <summary>The file of a database opened by <see cref="ChatBotDatabase.Open(string)"/>; null when it has none (in memory, shared mode).</summary>
    public static string? FileOf(LiteDatabase db) => ChatBotDatabase.FileOf(db);

    /// <summary>Hex SHA-256 of a file.</summary>
    public static string Sha256Of(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string PartialOf(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!, Path.GetFileNameWithoutExtension(target) + ".partial" + Path.GetExtension(target));

    private static void DeleteWithLog(string file)
    {
        File.Delete(file);
        File.Delete(DurableCommits.LogFileOf(file));
    }

    /// <summary>Documents per collection, by LiteDB's count (index only: the gate is held meanwhile).</summary>
    private static Dictionary<string, long> CountLive(LiteDatabase db) =>
        db.GetCollectionNames().ToDictionary(name => name, name => db.GetCollection(name).LongCount(), StringComparer.Ordinal);

    /// <summary>The dialog-state documents the copy holds once the journal is written into it.</summary>
    private static long DialogStateCount(LiteDatabase db, long inLiteDb, List<KeyValuePair<string, DialogStateRecord?>> journal)
    {
        if (journal.Count == 0) return inLiteDb;
        var latest = Latest(journal);
        var collection = db.GetCollection(ChatBotDatabase.DialogState);
        foreach (var (key, record) in latest)
        {
            var exists = collection.FindById(key) is not null;
            if (record is not null && !exists) inLiteDb++;
            else if (record is null && exists) inLiteDb--;
        }
        return inLiteDb;
    }

    private static Dictionary<string, DialogStateRecord?> Latest(List<KeyValuePair<string, DialogStateRecord?>> journal)
    {
        var latest = new Dictionary<string, DialogStateRecord?>(StringComparer.Ordinal);
        foreach (var (key, record) in journal) latest[key] = record;
        return latest;
    }

    /// <summary>Writes the journal's dialog state into the copy, in one transaction, and checkpoints it (one file, no log).</summary>
    private static void WriteDialogState(string copy, List<KeyValuePair<string, DialogStateRecord?>> journal)
    {
        using (var db = new LiteDatabase(new ConnectionString { Filename = copy, Connection = ConnectionType.Direct }, ChatBotDatabase.CreateMapper()))
        {
            var states = db.GetCollection(ChatBotDatabase.DialogState);
            db.InTransaction(() =>
            {
                foreach (var (key, record) in Latest(journal))
                {
                    if (record is null) states.Delete(key);
                    else states.Upsert(db.Mapper.ToDocument(record));
                }
            });
            db.Checkpoint();
        }
        if (File.Exists(DurableCommits.LogFileOf(copy)))
            throw new IOException($"LiteDB left a log file beside the backup '{copy}'; the copy is not one file.");
        using var file = new FileStream(copy, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        file.Flush(flushToDisk: true);
    }

    /// <summary>Makes a new or moved file name durable (Linux; elsewhere best effort).</summary>
    internal static void SyncDirectory(string directory) => DialogStateJournal.SyncDirectory(directory);
}
