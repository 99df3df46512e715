using ChatBot.Storage.Backups;

namespace ChatBot.Bot.Features.Backups;

/// <summary>One backup run: its manifest (null when no copy could be written), where the file is now, and why it failed.</summary>
internal sealed record BackupOutcome(BackupManifest? Manifest, string? File, string? Problem, IReadOnlyList<string> Pruned)
{
    public bool Verified => Manifest is { Verified: true };
}
