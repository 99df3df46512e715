using ChatBot.Storage.Backups;

namespace ChatBot.Bot.Features.Backups;

/// <summary>The state of the backups, as 备份状态 shows it.</summary>
/// <param name="Store">The database in use ("LiteDB"; PostgreSQL once that store exists).</param>
/// <param name="Last">The newest backup, good or failed; null when there is none.</param>
/// <param name="Room">How many more backups of the last good one's size fit on the disk.</param>
/// <param name="DailyAt">Time of the nightly backup; null when it is turned off.</param>
internal sealed record BackupStatus(string Store, string? DatabaseFile, string Folder, BackupEntry? Last, BackupManifest? LastManifest,
    int Kept, int Failed, long? FreeBytes, long? Room, bool LowOnSpace, TimeOnly? DailyAt, string TimeZone);
