namespace ChatBot.Storage.Backups;

/// <summary>A copy of the database written by <see cref="DatabaseBackup.Copy"/>, before it is verified.</summary>
/// <param name="Counts">Documents per collection in the live database at the moment of the copy (dialog state as the
/// bot sees it: what LiteDB holds plus the journal not yet checkpointed).</param>
/// <param name="HeldFor">How long the database was held exclusively (turns waited that long at most).</param>
public sealed record BackupCopy(string File, DateTimeOffset TakenUtc, long SizeBytes, string Sha256,
    IReadOnlyDictionary<string, long> Counts, TimeSpan HeldFor);
