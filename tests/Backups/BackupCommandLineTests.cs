using ChatBot.Bot.Features.Backups;
using ChatBot.Storage;
using ChatBot.Storage.Backups;
using ChatBot.Tests.Infrastructure;
using LiteDB;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Backups;

/// <summary><c>dotnet run --project bot -- backup [--to FILE]</c> and <c>-- restore FILE</c>.</summary>
public class BackupCommandLineTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 12, 3, 1, 0, 0, TimeSpan.Zero));

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.True(BackupCommandLine.TryRun(args, out var code, stdout, stderr, Clock));
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Backup_then_restore_brings_back_yesterdays_data_with_one_command_each()
    {
        var path = TempPaths.NewDatabase();
        using (var db = ChatBotDatabase.Open(path))
            for (var i = 1; i <= 3; i++) db.GetCollection("mediation_cases").Insert(new BsonDocument { ["_id"] = i });

        var backup = Run("backup", $"--Bot:DatabasePath={path}");
        Assert.True(backup.Code == 0, backup.Err);
        Assert.Contains("written and verified", backup.Out);
        var file = Assert.Single(Directory.GetFiles(Path.Combine(Path.GetDirectoryName(path)!, "backups"), "*.db"));
        Assert.Equal("chatbot-2026-12-03_090000-manual.db", Path.GetFileName(file));
        Assert.True(BackupManifest.Load(file)!.Verified);

        using (var db = ChatBotDatabase.Open(path)) db.GetCollection("mediation_cases").DeleteAll(); // the mistake

        var restore = Run("restore", file, $"--Bot:DatabasePath={path}");
        Assert.True(restore.Code == 0, restore.Err);
        Assert.Matches(@"Before \(replaced database\):\n(.*\n)*\s+mediation_cases\s+0\n", restore.Out.ReplaceLineEndings("\n"));
        Assert.Matches(@"After \(restored\):\n(.*\n)*\s+mediation_cases\s+3\n", restore.Out.ReplaceLineEndings("\n"));
        using var restored = ChatBotDatabase.Open(path);
        Assert.Equal(3, restored.GetCollection("mediation_cases").Count());
    }

    [Fact]
    public void Backup_to_a_file_of_ones_choice()
    {
        var path = TempPaths.NewDatabase();
        using (ChatBotDatabase.Open(path)) { }
        var to = Path.Combine(Path.GetDirectoryName(path)!, "usb", "copy.db");
        var result = Run("backup", "--to", to, $"--Bot:DatabasePath={path}");
        Assert.True(result.Code == 0, result.Err);
        Assert.True(File.Exists(to));
        Assert.True(BackupManifest.Load(to)!.Verified);
    }

    [Fact]
    public void Both_refuse_while_the_bot_runs()
    {
        var path = TempPaths.NewDatabase();
        string file;
        using (var db = ChatBotDatabase.Open(path)) file = DatabaseBackup.Copy(db, Path.Combine(Path.GetDirectoryName(path)!, "b.db"), null, Clock).File;
        using var bot = ChatBotDatabase.Open(path);

        var restore = Run("restore", file, $"--Bot:DatabasePath={path}");
        Assert.Equal(BackupCommandLine.Failure, restore.Code);
        Assert.Contains("is the bot running?", restore.Err);
        var backup = Run("backup", $"--Bot:DatabasePath={path}");
        Assert.Equal(BackupCommandLine.Failure, backup.Code);
        Assert.Contains("in use by the running bot", backup.Err);
    }

    [Fact]
    public void Other_arguments_are_not_these_commands_and_bad_ones_get_the_usage()
    {
        Assert.False(BackupCommandLine.TryRun(["--urls", "http://localhost:1"], out _, TextWriter.Null, TextWriter.Null, Clock));
        var missing = Run("restore");
        Assert.Equal(BackupCommandLine.UsageError, missing.Code);
        Assert.Contains("Usage:", missing.Err);
    }
}
