using System.Text.Json;

namespace ChatBot.Storage.Backups;

/// <summary>
/// What is known about one backup, kept beside it as "&lt;backup&gt;.json": when it was taken and why, its size and
/// checksum, the counts of the live database at that moment, and how its verification went.
/// </summary>
public sealed class BackupManifest
{
    public string File { get; set; } = "";
    public DateTimeOffset TakenUtc { get; set; }
    /// <summary>daily, manual, pre-migration-…</summary>
    public string Reason { get; set; } = "";
    public long SizeBytes { get; set; }
    public string Sha256 { get; set; } = "";
    public Dictionary<string, long> Counts { get; set; } = new();
    public bool Verified { get; set; }
    public DateTimeOffset? VerifiedUtc { get; set; }
    /// <summary>Why verification failed; null when it passed.</summary>
    public string? Problem { get; set; }
    /// <summary>How long the live database was held while the copy was taken, in milliseconds.</summary>
    public double HeldMilliseconds { get; set; }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static string PathOf(string backupFile) => backupFile + ".json";

    public void Save(string backupFile)
    {
        var path = PathOf(backupFile);
        var partial = path + ".partial";
        System.IO.File.WriteAllText(partial, JsonSerializer.Serialize(this, Json));
        System.IO.File.Move(partial, path, overwrite: true);
    }

    /// <summary>The manifest beside a backup, or null when there is none or it cannot be read.</summary>
    public static BackupManifest? Load(string backupFile)
    {
        try { return JsonSerializer.Deserialize<BackupManifest>(System.IO.File.ReadAllText(PathOf(backupFile)), Json); }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException) { return null; }
    }
}
