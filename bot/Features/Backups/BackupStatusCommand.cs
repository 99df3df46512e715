using System.Globalization;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards;
using ChatBot.Cards.Help;
using ChatBot.Storage.Conversations;

namespace ChatBot.Bot.Features.Backups;

/// <summary>
/// 备份状态 / backup status (admins): the store in use, the last backup (when, size, verified or not), how many are
/// kept, the free disk space, and a warning when the disk has room for fewer than Backup:WarnBelowBackups more.
/// Admins are the users listed as admins of any workspace; while no workspace has admins, anyone may ask (as with the
/// other admin commands).
/// </summary>
internal sealed class BackupStatusCommand(BackupService backups, WorkspaceStore workspaces) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["备份状态", "backup status"];
    public IReadOnlyList<string> Verbs => ["backup.status"];
    public IEnumerable<CommandHelp> Help =>
        [new("管理", "Administration", "备份状态", "backup status", "查看最近一次数据备份、是否验证通过和磁盘空间(管理员)", "Last database backup, whether it was verified, and free disk space (admins)", 95)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        if (!IsAdmin(ctx.UserKey))
        {
            await ctx.SendTextAsync(ctx.T("只有管理员可以查看备份状态。", "Only admins can see the backup status."));
            return;
        }
        if (backups.BackedUpByTheServer)
        {
            await ctx.SendTextAsync(ctx.T(
                "💾 **备份状态**\n\n数据存储:PostgreSQL 数据库。机器人不自行备份 PostgreSQL,请由数据库管理员用 pg_dump 定时备份,或开启持续归档(时间点恢复),并定期演练恢复(见部署文档)。",
                "💾 **Backup status**\n\nStore in use: a PostgreSQL database. The bot does not back PostgreSQL up itself: have its administrator take backups with pg_dump on a schedule, or turn on continuous archiving (point-in-time recovery), and rehearse a restore now and then (see the deployment guide)."));
            return;
        }
        await ctx.SendTextAsync(Describe(ctx.Lang, backups.Status(), backups.TimeZone, ctx.Now));
    }

    private bool IsAdmin(string userKey)
    {
        var all = workspaces.All().ToList();
        return all.All(w => w.Admins.Count == 0) || all.Any(w => w.Admins.Contains(userKey));
    }

    internal static string Describe(Lang lang, BackupStatus s, TimeZoneInfo zone, DateTimeOffset now)
    {
        var lines = new List<string> { lang.T("💾 **备份状态**", "💾 **Backup status**") };
        lines.Add(s.Store == "LiteDB"
            ? lang.T($"数据存储:LiteDB 文件 {s.DatabaseFile ?? "(无文件)"}", $"Store in use: LiteDB file {s.DatabaseFile ?? "(no file)"}")
            : lang.T($"数据存储:{s.Store}(由数据库自身的备份工具负责)", $"Store in use: {s.Store} (backed up with the database's own tools)"));
        if (s.Last is null)
            lines.Add(lang.T("⚠️ 还没有任何备份。", "⚠️ There is no backup yet."));
        else
        {
            var m = s.LastManifest;
            var when = m is null ? lang.DateTime(new DateTimeOffset(s.Last.LocalTaken, zone.GetUtcOffset(s.Last.LocalTaken)))
                : lang.DateTime(TimeZoneInfo.ConvertTime(m.TakenUtc, zone));
            var size = m is null ? "" : ", " + Size(m.SizeBytes);
            var verified = m switch
            {
                { Verified: true } => lang.T("✅ 已验证(打开并逐个集合核对了记录数)", "✅ verified (opened, every collection counted and matched)"),
                { Verified: false } => lang.T($"❌ 验证失败:{m.Problem}(已另存到 failed 文件夹)", $"❌ verification FAILED: {m.Problem} (kept aside in the failed folder)"),
                _ => lang.T("❔ 未找到验证记录", "❔ no verification record found"),
            };
            lines.Add(lang.T($"最近一次备份:{when}({ReasonZh(s.Last.Reason)}){size},{verified}",
                $"Last backup: {when} ({s.Last.Reason}){size}, {verified}"));
            if (m is not null && now - m.TakenUtc > TimeSpan.FromHours(36) && s.DailyAt is not null)
                lines.Add(lang.T("⚠️ 最近一次备份已超过一天半,请检查机器人日志。", "⚠️ The last backup is more than a day and a half old; check the bot's log."));
        }
        lines.Add(lang.T($"备份位置:{s.Folder}(保留 {s.Kept} 份{(s.Failed > 0 ? $",另有 {s.Failed} 份验证失败" : "")})",
            $"Backups are in {s.Folder} ({s.Kept} kept{(s.Failed > 0 ? $", {s.Failed} failed" : "")})"));
        if (s.FreeBytes is { } free)
            lines.Add(s.Room is { } room
                ? lang.T($"磁盘剩余空间:{Size(free)},约可再存 {room} 份备份", $"Free disk space: {Size(free)}, room for about {room} more backups")
                : lang.T($"磁盘剩余空间:{Size(free)}", $"Free disk space: {Size(free)}"));
        if (s.LowOnSpace)
            lines.Add(lang.T($"⚠️ 磁盘空间只够再存 {s.Room} 份备份,请尽快清理磁盘或把旧备份复制到别处。",
                $"⚠️ The disk has room for only {s.Room} more backups: free some space or copy old backups elsewhere soon."));
        lines.Add(s.DailyAt is { } at
            ? lang.T($"自动备份:每天 {at:HH\\:mm}({s.TimeZone})", $"Automatic backup: daily at {at:HH\\:mm} ({s.TimeZone})")
            : lang.T("自动备份:已关闭(Backup:Enabled = false)", "Automatic backup: off (Backup:Enabled = false)"));
        return string.Join("\n\n", lines);
    }

    private static string ReasonZh(string reason) => reason switch
    {
        BackupService.Daily => "每日备份",
        BackupService.Manual => "手动备份",
        _ when reason.StartsWith(BackupService.PreMigration, StringComparison.Ordinal) => "升级前备份",
        _ => reason,
    };

    internal static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture) + " GB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
        >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("0.0", CultureInfo.InvariantCulture) + " KB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };
}
