using LiteDB;

namespace ChatBot.Storage.Backups;

/// <summary>
/// Checks a backup file: its checksum (when one is known) and, opened read-only, every document of every collection
/// read (so every data page is touched, not only the indexes) and counted against what the live database held.
/// </summary>
public static class BackupVerifier
{
    public static BackupVerification Verify(string file, IReadOnlyDictionary<string, long>? expected, string? sha256 = null)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            if (!File.Exists(file)) return new(false, $"the file '{file}' does not exist", counts);
            if (sha256 is not null && !string.Equals(DatabaseBackup.Sha256Of(file), sha256, StringComparison.OrdinalIgnoreCase))
                return new(false, "its checksum (SHA-256) differs from the one taken when it was written: the file changed or is damaged", counts);
            foreach (var (name, count) in Count(file)) counts[name] = count;
        }
        catch (Exception ex) when (ex is LiteException or IOException or InvalidOperationException or InvalidCastException
            or ArgumentException or IndexOutOfRangeException or NullReferenceException or OverflowException or FormatException or UnauthorizedAccessException)
        {
            // A damaged page shows up as any of these from inside LiteDB.
            return new(false, $"it could not be read: {ex.GetType().Name}: {ex.Message}", counts);
        }
        if (expected is null) return new(true, null, counts);
        var differences = expected.Keys.Union(counts.Keys).Order(StringComparer.Ordinal)
            .Where(name => expected.GetValueOrDefault(name, -1) != counts.GetValueOrDefault(name, -1))
            .Select(name => $"{name}: {Describe(expected, name)} expected, {Describe(counts, name)} found")
            .ToList();
        return differences.Count == 0 ? new(true, null, counts)
            : new(false, "its counts differ from the database's: " + string.Join("; ", differences), counts);
    }

    /// <summary>Opens a database file read-only and reads every document of every collection; documents per collection.</summary>
    public static Dictionary<string, long> Count(string file)
    {
        using var db = new LiteDatabase(new ConnectionString { Filename = file, Connection = ConnectionType.Direct, ReadOnly = true });
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var name in db.GetCollectionNames())
        {
            long n = 0;
            foreach (var document in db.GetCollection(name).FindAll())
            {
                if (document is null || !document.ContainsKey("_id")) throw new InvalidOperationException($"a document of '{name}' has no _id");
                n++;
            }
            counts[name] = n;
        }
        return counts;
    }

    private static string Describe(IReadOnlyDictionary<string, long> counts, string name) =>
        counts.TryGetValue(name, out var n) ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "no collection";
}
