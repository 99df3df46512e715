using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatBot.Storage.Backups;

/// <summary>
/// The backup folder of one database: "chatbot.db" is backed up as "chatbot-2026-12-03_023000-daily.db" (local date
/// and time of the copy, then the reason), each with its manifest "….db.json". Backups that failed verification are
/// moved into "failed/" with their manifest, never used for a restore and never pruned with the good ones.
/// </summary>
public sealed partial class BackupFolder(string folder, string databaseFile)
{
    public const string FailedFolderName = "failed";
    public const string Extension = ".db";

    public string Folder { get; } = Path.GetFullPath(folder);
    public string FailedFolder => Path.Combine(Folder, FailedFolderName);
    private readonly string _stem = Path.GetFileNameWithoutExtension(databaseFile);

    /// <summary>The file a backup taken at <paramref name="localTime"/> for <paramref name="reason"/> is written to.</summary>
    public string PathFor(DateTime localTime, string reason) =>
        Path.Combine(Folder, $"{_stem}-{localTime.ToString("yyyy-MM-dd_HHmmss", CultureInfo.InvariantCulture)}-{SafeReason(reason)}{Extension}");

    /// <summary>The backups in the folder (or in failed/), oldest first.</summary>
    public IReadOnlyList<BackupEntry> List(bool failed = false)
    {
        var dir = failed ? FailedFolder : Folder;
        if (!Directory.Exists(dir)) return [];
        var found = new List<BackupEntry>();
        foreach (var path in Directory.EnumerateFiles(dir, _stem + "-*" + Extension))
        {
            var match = Name().Match(Path.GetFileName(path));
            if (!match.Success || match.Groups["stem"].Value != _stem) continue;
            if (!DateTime.TryParseExact(match.Groups["at"].Value, "yyyy-MM-dd_HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)) continue;
            found.Add(new BackupEntry(path, at, match.Groups["reason"].Value));
        }
        return [.. found.OrderBy(e => e.LocalTaken).ThenBy(e => e.File, StringComparer.Ordinal)];
    }

    /// <summary>Moves a backup that failed verification (and its manifest) into failed/; returns its new path.</summary>
    public string SetAside(string backupFile)
    {
        Directory.CreateDirectory(FailedFolder);
        var target = Path.Combine(FailedFolder, Path.GetFileName(backupFile));
        File.Move(backupFile, target, overwrite: true);
        if (File.Exists(BackupManifest.PathOf(backupFile))) File.Move(BackupManifest.PathOf(backupFile), BackupManifest.PathOf(target), overwrite: true);
        return target;
    }

    /// <summary>
    /// Removes the backups the retention rule does not keep (see <see cref="BackupRetention"/>), with their manifests;
    /// failed ones older than <paramref name="keepDays"/> too. Returns the files removed.
    /// </summary>
    public IReadOnlyList<string> Prune(DateOnly today, int keepDays, int keepMonths)
    {
        var removed = new List<string>();
        var good = List();
        var keep = BackupRetention.Keep(good.Select(e => DateOnly.FromDateTime(e.LocalTaken)).ToList(), today, keepDays, keepMonths);
        for (var i = 0; i < good.Count; i++)
            if (!keep[i]) { Remove(good[i].File); removed.Add(good[i].File); }
        foreach (var failed in List(failed: true))
            if (!BackupRetention.WithinDays(DateOnly.FromDateTime(failed.LocalTaken), today, keepDays)) { Remove(failed.File); removed.Add(failed.File); }
        return removed;
    }

    private static void Remove(string file)
    {
        File.Delete(file);
        File.Delete(BackupManifest.PathOf(file));
    }

    private static string SafeReason(string reason)
    {
        var safe = new string(reason.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return safe.Length == 0 ? "manual" : safe;
    }

    [GeneratedRegex(@"^(?<stem>.+)-(?<at>\d{4}-\d{2}-\d{2}_\d{6})-(?<reason>[a-z0-9-]+)\.db$")]
    private static partial Regex Name();
}
