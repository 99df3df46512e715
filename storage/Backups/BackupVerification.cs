namespace ChatBot.Storage.Backups;

/// <summary>What a verification found.</summary>
/// <param name="Problem">Why it failed (null when it passed), in plain English for the log and the admins.</param>
public sealed record BackupVerification(bool Ok, string? Problem, IReadOnlyDictionary<string, long> Counts);
