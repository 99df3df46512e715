using ChatBot.Bot.Features.Backups;
using ChatBot.Storage.Backups;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Reminders;
using ChatBot.Tests.Infrastructure;
using ChatBot.Tests.Reliability;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Tests.Backups;

/// <summary>The bot's backups: nightly, verified, reported in the chat (备份状态) and to the admins when they fail.</summary>
public class BackupServiceTests
{
    // BotHost's clock: 2026-03-10 01:00 UTC, 09:00 in Shanghai.
    [Fact]
    public async Task The_nightly_backup_is_taken_once_a_day_after_its_time_and_verified()
    {
        using var host = new BotHost();
        await host.SendAsync(Activities.Message("帮助")); // a turn: the database is open and has something in it
        var backups = host.Services.GetRequiredService<BackupService>();
        DateTimeOffset At(DateTimeOffset utc) { host.Clock.SetUtcNow(utc); return utc; }
        var day = new DateTimeOffset(2026, 3, 10, 18, 0, 0, TimeSpan.Zero); // 02:00 on the 11th in Shanghai

        Assert.Null(backups.RunIfDue(At(day)));                                // before 02:30
        var first = backups.RunIfDue(At(day.AddMinutes(31)));                  // 02:31
        Assert.NotNull(first);
        Assert.True(first.Verified, first.Problem);
        Assert.Equal("chatbot-2026-03-11_023100-daily.db", Path.GetFileName(first.File)); // named by the local date and time
        Assert.True(first.Manifest!.Counts[ChatBot.Storage.ChatBotDatabase.Workspaces] >= 1);
        Assert.Null(backups.RunIfDue(At(day.AddMinutes(40))));                 // once a day
        Assert.NotNull(backups.RunIfDue(At(day.AddDays(1).AddMinutes(31))));   // and the next night again
        Assert.Equal(2, backups.Folder.List().Count);
        Assert.Equal(BackupService.Daily, backups.Folder.List().Last().Reason);
    }

    [Fact]
    public async Task A_backup_that_fails_verification_is_kept_aside_logged_and_reported_to_the_admins_in_their_personal_chat()
    {
        var errors = new ErrorLog();
        using var host = new BotHost(configure: services => services.AddSingleton<ILoggerProvider>(errors));
        await host.SendAsync(Activities.GroupMention("帮助", user: "admin-1"));
        var workspaces = host.Services.GetRequiredService<WorkspaceStore>();
        var ws = workspaces.All().Single(w => w.IsGroup);
        ws.Admins = ["msteams:admin-1"];
        workspaces.Save(ws);
        var backups = host.Services.GetRequiredService<BackupService>();
        backups.AfterWriteForTests = file => // one byte changed on its way to the disk
        {
            using var f = new FileStream(file, FileMode.Open);
            f.Position = f.Length / 2;
            var b = f.ReadByte();
            f.Position--;
            f.WriteByte((byte)(b ^ 0xff));
        };

        var outcome = backups.Run(BackupService.Daily);

        Assert.False(outcome.Verified);
        Assert.Contains("checksum", outcome.Problem);
        Assert.Empty(backups.Folder.List()); // never among the backups a restore would pick
        var aside = Assert.Single(backups.Folder.List(failed: true));
        Assert.False(BackupManifest.Load(aside.File)!.Verified);
        Assert.Contains(errors.Errors, e => e.Contains("FAILED verification"));
        var alert = host.Services.GetRequiredService<LiteDatabase>().GetCollection<OutboxMessage>(OutboxStore.Collection)
            .FindAll().Single(m => m.Kind == "backup.failed");
        Assert.Equal("personal:msteams:admin-1", alert.TargetReferenceId);
        Assert.Contains("数据备份失败", alert.Markdown);

        // 备份状态 says so.
        var status = (await host.SendAsync(Activities.Message("备份状态", user: "admin-1"))).AllText();
        Assert.Contains("验证失败", status);
    }

    [Fact]
    public async Task Backup_status_shows_the_store_the_last_backup_and_the_disk_in_both_languages()
    {
        using var host = new BotHost();
        var none = (await host.SendAsync(Activities.Message("备份状态"))).AllText();
        Assert.Contains("LiteDB", none);
        Assert.Contains("还没有任何备份", none);

        var backups = host.Services.GetRequiredService<BackupService>();
        Assert.True(backups.Run(BackupService.Manual).Verified);

        var zh = (await host.SendAsync(Activities.Message("备份状态"))).AllText();
        Assert.Contains("数据存储:LiteDB", zh);
        Assert.Contains("最近一次备份:2026年3月10日 09:00(手动备份)", zh);
        Assert.Contains("✅ 已验证", zh);
        Assert.Contains("磁盘剩余空间", zh);
        Assert.Contains(backups.Folder.Folder, zh);
        var en = (await host.SendAsync(Activities.Message("backup status", locale: "en-US"))).AllText();
        Assert.Contains("Store in use: LiteDB", en);
        Assert.Contains("✅ verified", en);
        Assert.Contains("Free disk space", en);
    }

    [Fact]
    public async Task Backup_status_warns_when_the_disk_has_room_for_fewer_than_seven_more_backups()
    {
        using var host = new BotHost();
        var backups = host.Services.GetRequiredService<BackupService>();
        Assert.True(backups.Run(BackupService.Manual).Verified);
        var status = backups.Status() with { Room = 5, LowOnSpace = true }; // the disk of the test machine has room
        var text = BackupStatusCommand.Describe(ChatBot.Cards.Lang.Zh, status, TimeZoneInfo.Utc, DateTimeOffset.UnixEpoch);
        Assert.Contains("磁盘空间只够再存 5 份备份", text);
        Assert.DoesNotContain("磁盘空间只够", BackupStatusCommand.Describe(ChatBot.Cards.Lang.Zh, backups.Status(), TimeZoneInfo.Utc, DateTimeOffset.UnixEpoch));

        // With a threshold above what this disk holds, the bot's own status warns.
        using var tight = new BotHost(settings: new() { ["Backup:WarnBelowBackups"] = "2000000000" });
        Assert.True(tight.Services.GetRequiredService<BackupService>().Run(BackupService.Manual).Verified);
        Assert.Contains("⚠️ 磁盘空间只够再存", (await tight.SendAsync(Activities.Message("备份状态"))).AllText());
    }

    [Fact]
    public async Task Only_admins_see_the_backup_status_once_a_workspace_has_admins()
    {
        using var host = new BotHost();
        await host.SendAsync(Activities.GroupMention("帮助", user: "admin-1"));
        var workspaces = host.Services.GetRequiredService<WorkspaceStore>();
        var ws = workspaces.All().Single(w => w.IsGroup);
        ws.Admins = ["msteams:admin-1"];
        workspaces.Save(ws);

        Assert.Contains("只有管理员", (await host.SendAsync(Activities.Message("备份状态", user: "user-2"))).AllText());
        Assert.Contains("Only admins", (await host.SendAsync(Activities.Message("backup status", user: "user-2", locale: "en-US"))).AllText());
        Assert.Contains("备份状态", (await host.SendAsync(Activities.Message("备份状态", user: "admin-1"))).AllText());
    }

    [Theory]
    [InlineData("帮助", "zh-CN", "备份状态")]
    [InlineData("help", "en-US", "backup status")]
    public async Task The_help_card_lists_backup_status(string command, string locale, string expected)
    {
        using var host = new BotHost();
        Assert.Contains(expected, (await host.SendAsync(Activities.Message(command, locale: locale))).AllText());
    }
}
