using ChatBot.Storage.Conversations;
using ChatBot.Storage.Engine;

namespace ChatBot.Storage.Backups;

/// <summary>What a restore did.</summary>
/// <param name="Before">Documents per collection of the database that was replaced (null: there was none, or it could not be read).</param>
/// <param name="ReplacedFolder">Where the replaced database, its log and its journal files were moved (null: there was none).</param>
public sealed record RestoreResult(IReadOnlyDictionary<string, long>? Before, string? BeforeProblem, IReadOnlyDictionary<string, long> After, string? ReplacedFolder);

/// <summary>
/// Puts a backup in place of the database. Refuses while any process holds the database (the bot takes its lock file
/// for as long as it runs) and holds that lock itself meanwhile, so no bot starts half-way. The backup is verified
/// first (against its manifest when it has one); the replaced database, with its LiteDB log and its dialog-state
/// journal files (which would otherwise be replayed over the restored data), is moved aside, not deleted.
/// </summary>
public static class DatabaseRestore
{
    public static RestoreResult Restore(string backupFile, string databaseFile, DateTimeOffset now)
    {
        var backup = Path.GetFullPath(backupFile);
        var database = Path.GetFullPath(databaseFile);
        if (!File.Exists(backup)) throw new RestoreRefusedException($"The backup '{backup}' does not exist.");
        if (string.Equals(backup, database, StringComparison.Ordinal)) throw new RestoreRefusedException("The backup is the database itself.");
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);

        using var held = HoldDatabase(database);
        var manifest = BackupManifest.Load(backup);
        var verification = BackupVerifier.Verify(backup, manifest?.Counts, manifest?.Sha256 is { Length: > 0 } sha ? sha : null);
        if (!verification.Ok) throw new RestoreRefusedException($"The backup '{backup}' failed verification, nothing was changed: {verification.Problem}");

        IReadOnlyDictionary<string, long>? before = null;
        string? beforeProblem = null;
        var replaced = ExistingFiles(database);
        if (File.Exists(database))
        {
            try { before = BackupVerifier.Count(database); }
            catch (Exception ex) { beforeProblem = ex.Message; } // a damaged database is exactly what one restores over
        }

        string? aside = null;
        if (replaced.Count > 0)
        {
            aside = Path.Combine(Path.GetDirectoryName(database)!, $"{Path.GetFileName(database)}.replaced-{now.UtcDateTime:yyyyMMdd-HHmmss}");
            Directory.CreateDirectory(aside);
            foreach (var file in replaced) File.Move(file, Path.Combine(aside, Path.GetFileName(file)));
        }

        var partial = database + ".restoring";
        File.Copy(backup, partial, overwrite: true);
        using (var file = new FileStream(partial, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) file.Flush(flushToDisk: true);
        File.Move(partial, database);
        DatabaseBackup.SyncDirectory(Path.GetDirectoryName(database)!);

        var after = BackupVerifier.Count(database);
        return new RestoreResult(before, beforeProblem, after, aside);
    }

    /// <summary>True when another process (or an open database in this one) holds the database's lock file.</summary>
    public static bool IsInUse(string databaseFile)
    {
        try
        {
            using var _ = HoldDatabase(Path.GetFullPath(databaseFile));
            return false;
        }
        catch (RestoreRefusedException) { return true; }
    }

    /// <summary>The database's files that a restore replaces: the data file, LiteDB's log, the dialog-state journals.</summary>
    private static List<string> ExistingFiles(string database)
    {
        var files = new List<string>();
        if (File.Exists(database)) files.Add(database);
        var log = DurableCommits.LogFileOf(database);
        if (File.Exists(log)) files.Add(log);
        files.AddRange(DialogStateJournal.Existing(database).Select(j => j.Path));
        return files;
    }

    private static IDisposable HoldDatabase(string database)
    {
        try { return File.OpenHandle(ChatBotDatabase.LockFileOf(database), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
        catch (IOException ex)
        {
            throw new RestoreRefusedException($"The database '{database}' is in use (is the bot running?). Stop the bot first; nothing was changed.", ex);
        }
    }
}

/// <summary>A restore that did not start, with the reason; nothing was changed.</summary>
public sealed class RestoreRefusedException(string message, Exception? inner = null) : Exception(message, inner);
