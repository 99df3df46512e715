namespace ChatBot.Storage.Backups;

/// <summary>What a restore did.</summary>
/// <param name="Before">Documents per collection of the database that was replaced (null: there was none, or it could not be read).</param>
/// <param name="ReplacedFolder">Where the replaced database, its log and its journal files were moved (null: there was none).</param>
public sealed record RestoreResult(IReadOnlyDictionary<string, long>? Before, string? BeforeProblem, IReadOnlyDictionary<string, long> After, string? ReplacedFolder);
