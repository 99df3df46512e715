using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Reminders;
using ChatBot.Cards;
using ChatBot.Storage;
using ChatBot.Storage.Backups;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Reminders;
using ChatBot.Storage.Engine;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.Backups;

/// <summary>
/// Takes, verifies, names and prunes the backups of the bot's database (storage/Backups does the copying and checking).
/// A failed backup is logged as an error, kept aside in failed/, and reported to every workspace admin in their
/// personal chat through the outbox (sent after quiet hours).
/// </summary>
internal sealed class BackupService(
    DocumentDatabase db,
    IDialogStateStore dialogState,
    WorkspaceStore workspaces,
    OutboxStore outbox,
    IOptions<BackupOptions> options,
    IOptions<BotOptions> bot,
    TimeProvider clock,
    ILogger<BackupService> log)
{
    public const string Daily = "daily", Manual = "manual", PreMigration = "pre-migration";

    private readonly object _gate = new();
    private DateOnly? _dailyDone;

    /// <summary>Tests damage the file between its writing and its verification.</summary>
    internal Action<string>? AfterWriteForTests { get; set; }

    /// <summary>The database file; null when the database is not a file (in memory, shared mode, PostgreSQL).</summary>
    public string? DatabaseFile => db is LiteDocumentDatabase lite ? DatabaseBackup.FileOf(lite.Lite) : null;

    /// <summary>True on PostgreSQL: the bot takes no backups; the server's own tools do (pg_dump, continuous archiving).</summary>
    public bool BackedUpByTheServer => db is not LiteDocumentDatabase;

    public BackupFolder Folder => new(options.Value.FolderFor(DatabaseFile ?? bot.Value.DatabasePath), DatabaseFile ?? bot.Value.DatabasePath);

    public TimeZoneInfo TimeZone => TimeZones.Find(string.IsNullOrWhiteSpace(options.Value.TimeZone) ? bot.Value.DefaultTimeZone : options.Value.TimeZone);

    public DateTime LocalNow => TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZone).DateTime;

    /// <summary>The nightly time, parsed (02:30 when the setting cannot be read).</summary>
    public TimeOnly DailyAt => WorkspaceSchedule.ParseTime(options.Value.DailyAt) ?? new TimeOnly(2, 30);

    /// <summary>Takes a backup into the folder now, verifies it, and prunes the folder. One at a time.</summary>
    public BackupOutcome Run(string reason) => Run(reason, null);

    /// <summary>A backup before a schema migration. Migrations must call it first and stop when it is not verified.</summary>
    public BackupOutcome BeforeMigration(string migration) => Run($"{PreMigration}-{migration}");

    /// <summary>Takes a backup into <paramref name="to"/> (a file anywhere) when given, else into the folder.</summary>
    public BackupOutcome Run(string reason, string? to)
    {
        lock (_gate)
        {
            if (db is not LiteDocumentDatabase lite)
                return new BackupOutcome(null, null, "the database is PostgreSQL: back it up with pg_dump or continuous archiving (docs/deployment.md)", []);
            var folder = Folder;
            var target = to is null ? Unused(folder, reason) : Path.GetFullPath(to);
            BackupCopy copy;
            try { copy = DatabaseBackup.Copy(lite.Lite, target, dialogState as JournaledDialogStateStore, clock); }
            catch (Exception ex)
            {
                log.LogError(ex, "Backup ({Reason}) to {File} failed: no copy was written", reason, target);
                Alert(ex.Message);
                return new BackupOutcome(null, null, ex.Message, []);
            }
            AfterWriteForTests?.Invoke(copy.File);
            var verification = BackupVerifier.Verify(copy.File, copy.Counts, copy.Sha256);
            var manifest = new BackupManifest
            {
                File = Path.GetFileName(copy.File), TakenUtc = copy.TakenUtc, Reason = reason, SizeBytes = copy.SizeBytes,
                Sha256 = copy.Sha256, Counts = new(copy.Counts), Verified = verification.Ok, VerifiedUtc = clock.GetUtcNow(),
                Problem = verification.Problem, HeldMilliseconds = Math.Round(copy.HeldFor.TotalMilliseconds, 1),
            };
            manifest.Save(copy.File);
            if (!verification.Ok)
            {
                var aside = to is null ? folder.SetAside(copy.File) : copy.File;
                log.LogError("Backup {File} FAILED verification and was kept aside as {Aside}: {Problem}", copy.File, aside, verification.Problem);
                Alert(verification.Problem!);
                return new BackupOutcome(manifest, aside, verification.Problem, []);
            }
            log.LogInformation("Backup {File} written and verified: {Size} bytes, {Documents} documents; the database was held {Held:F0} ms",
                copy.File, copy.SizeBytes, copy.Counts.Values.Sum(), copy.HeldFor.TotalMilliseconds);
            IReadOnlyList<string> pruned = [];
            if (to is null)
            {
                try
                {
                    pruned = folder.Prune(DateOnly.FromDateTime(LocalNow), options.Value.KeepDays, options.Value.KeepMonths);
                    if (pruned.Count > 0) log.LogInformation("Removed {Count} old backups: {Files}", pruned.Count, string.Join(", ", pruned.Select(Path.GetFileName)));
                }
                catch (Exception ex) { log.LogError(ex, "Removing old backups from {Folder} failed; they stay until the next backup", folder.Folder); }
            }
            return new BackupOutcome(manifest, copy.File, null, pruned);
        }
    }

    /// <summary>Takes the nightly backup when its time has come today and it has not been taken (a bot that was down at
    /// that time takes it when it is up again). One attempt a day: a failure is reported, not retried every minute.</summary>
    public BackupOutcome? RunIfDue(DateTimeOffset nowUtc)
    {
        var local = TimeZoneInfo.ConvertTime(nowUtc, TimeZone).DateTime;
        var today = DateOnly.FromDateTime(local);
        if (TimeOnly.FromDateTime(local) < DailyAt || _dailyDone == today) return null;
        var folder = Folder;
        if (folder.List().Concat(folder.List(failed: true)).Any(b => b.Reason == Daily && DateOnly.FromDateTime(b.LocalTaken) == today))
        {
            _dailyDone = today;
            return null;
        }
        _dailyDone = today;
        return Run(Daily);
    }

    /// <summary>What 备份状态 shows.</summary>
    public BackupStatus Status()
    {
        var folder = Folder;
        var good = folder.List();
        var failed = folder.List(failed: true);
        var last = good.Concat(failed).OrderBy(b => b.LocalTaken).LastOrDefault();
        var lastManifest = last is null ? null : BackupManifest.Load(last.File);
        var lastGood = good.LastOrDefault();
        var size = lastGood is null ? (long?)null : BackupManifest.Load(lastGood.File)?.SizeBytes ?? new FileInfo(lastGood.File).Length;
        long? free = null;
        try { free = new DriveInfo(ExistingParent(folder.Folder)).AvailableFreeSpace; }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException) { }
        var room = free is { } f && size is > 0 ? f / size.Value : (long?)null;
        return new BackupStatus("LiteDB", DatabaseFile, folder.Folder, last, lastManifest, good.Count, failed.Count, free, room,
            room is { } r && r < options.Value.WarnBelowBackups, options.Value.Enabled ? DailyAt : null, TimeZone.Id);
    }

    private string Unused(BackupFolder folder, string reason)
    {
        var local = LocalNow;
        var path = folder.PathFor(local, reason);
        for (var i = 1; File.Exists(path) || File.Exists(Path.Combine(folder.FailedFolder, Path.GetFileName(path))); i++)
            path = folder.PathFor(local.AddSeconds(i), reason);
        return path;
    }

    private static string ExistingParent(string folder)
    {
        var dir = new DirectoryInfo(folder);
        while (!dir.Exists && dir.Parent is not null) dir = dir.Parent;
        return dir.FullName;
    }

    /// <summary>Queues a message for every admin of every workspace, in their personal chat.</summary>
    private void Alert(string problem)
    {
        try
        {
            var now = clock.GetUtcNow();
            var admins = workspaces.All().SelectMany(w => w.Admins.Select(a => (Admin: a, Workspace: w)))
                .GroupBy(x => x.Admin).Select(g => g.First()).ToList();
            if (admins.Count == 0)
            {
                log.LogError("No workspace has admins, so nobody is told in the chat that the backup failed");
                return;
            }
            var messages = admins.Select(x =>
            {
                var lang = Lang.FromLocale(x.Workspace.Locale);
                var text = lang.T(
                    $"❌ 数据备份失败({TimeZoneInfo.ConvertTime(now, TimeZone):yyyy-MM-dd HH:mm}):{problem}\n失败的备份已另存到 {Folder.FailedFolder}。请检查磁盘后,在服务器上运行 `dotnet run --project bot -- backup` 重新备份,或输入“备份状态”查看。",
                    $"❌ The database backup failed ({TimeZoneInfo.ConvertTime(now, TimeZone):yyyy-MM-dd HH:mm}): {problem}\nThe failed copy is kept in {Folder.FailedFolder}. Check the disk, then run `dotnet run --project bot -- backup` on the server, or type \"backup status\".");
                var activity = new Activity { Type = ActivityTypes.Message, Text = text, Locale = lang.Locale };
                return ReminderMessages.Create($"backup/failed/{now.UtcDateTime:yyyyMMddHHmmss}/{x.Admin}", x.Workspace.Id, "backup.failed",
                    activity, now, text, targetReferenceId: "personal:" + x.Admin);
            }).ToList();
            outbox.TryEnqueueAll(messages);
        }
        catch (Exception ex) { log.LogError(ex, "Telling the admins that the backup failed did not work"); }
    }
}
