using ChatBot.Bot.Conversation;
using ChatBot.Storage;
using ChatBot.Storage.Backups;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Reminders;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.Backups;

/// <summary>
/// Command-line verbs, run instead of the web host (Program.cs, like teams-package):
/// <code>dotnet run --project bot -- backup [--to FILE]</code> takes a verified backup (into Backup:Folder, or FILE);
/// <code>dotnet run --project bot -- restore FILE</code> puts a backup in place of the database.
/// Both read the bot's own settings (appsettings.json, environment variables, --Bot:DatabasePath=…).
/// </summary>
internal static class BackupCommandLine
{
    public const string BackupVerb = "backup", RestoreVerb = "restore";
    public const int Ok = 0, Failure = 1, UsageError = 2;

    public static bool TryRun(string[] args, out int exitCode) => TryRun(args, out exitCode, Console.Out, Console.Error, TimeProvider.System);

    internal static bool TryRun(string[] args, out int exitCode, TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        exitCode = Ok;
        if (args.Length == 0 || args[0] is not (BackupVerb or RestoreVerb)) return false;
        var verb = args[0];
        string? file = null;
        var settings = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help" or "-?") { stdout.WriteLine(Usage); return true; }
            if (verb == BackupVerb && arg == "--to")
            {
                if (i + 1 >= args.Length) return UsageFailure(stderr, "--to needs a file name.", out exitCode);
                file = args[++i];
            }
            else if (verb == BackupVerb && arg.StartsWith("--to=", StringComparison.Ordinal)) file = arg["--to=".Length..];
            else if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':')) settings.Add(arg); // --Bot:DatabasePath=…
            else if (verb == RestoreVerb && file is null && !arg.StartsWith('-')) file = arg;
            else return UsageFailure(stderr, $"unexpected argument '{arg}'.", out exitCode);
        }
        if (verb == RestoreVerb && file is null) return UsageFailure(stderr, "restore needs the backup file: restore FILE.", out exitCode);

        var configuration = WebApplication.CreateBuilder([.. settings, "--hostBuilder:reloadConfigOnChange=false"]).Configuration;
        var bot = configuration.GetSection(BotOptions.Section).Get<BotOptions>() ?? new BotOptions();
        var backup = configuration.GetSection(BackupOptions.Section).Get<BackupOptions>() ?? new BackupOptions();
        if (bot.Storage == ChatBot.Bot.Hosting.BotStorage.Postgres)
        {
            stderr.WriteLine($"{verb}: Bot:Storage is postgres: back the database up with pg_dump (and restore with pg_restore) or the server's " +
                "continuous archiving; see docs/deployment.md, PostgreSQL.");
            exitCode = UsageError;
            return true;
        }
        if (bot.DatabasePath.Contains('='))
        {
            stderr.WriteLine($"{verb}: Bot:DatabasePath is a LiteDB connection string; give the database as a file path to use this command.");
            exitCode = UsageError;
            return true;
        }
        var database = Path.GetFullPath(bot.DatabasePath);
        exitCode = verb == BackupVerb ? Backup(database, file, bot, backup, clock, stdout, stderr) : Restore(database, file!, clock, stdout, stderr);
        return true;
    }

    private static int Backup(string database, string? to, BotOptions bot, BackupOptions options, TimeProvider clock, TextWriter stdout, TextWriter stderr)
    {
        if (!File.Exists(database))
        {
            stderr.WriteLine($"backup: there is no database at {database} (Bot:DatabasePath).");
            return Failure;
        }
        if (DatabaseRestore.IsInUse(database))
        {
            stderr.WriteLine($"backup: the database {database} is in use by the running bot, which backs it up by itself every day at " +
                $"{options.DailyAt}. Type \"备份状态\" (\"backup status\") in the chat to see the last backup; to take one now from here, stop the bot first.");
            return Failure;
        }
        using var db = ChatBotDatabase.Open(database);
        using var states = new JournaledDialogStateStore(db); // replays dialog state a crash left in the journal
        var service = new BackupService(db, states, new WorkspaceStore(db), new OutboxStore(db), Options.Create(options), Options.Create(bot), clock,
            NullLogger<BackupService>.Instance);
        var outcome = service.Run(BackupService.Manual, to);
        if (outcome.Manifest is null)
        {
            stderr.WriteLine($"backup: FAILED, no copy was written: {outcome.Problem}");
            return Failure;
        }
        WriteCounts(stdout, "Documents", outcome.Manifest.Counts);
        if (!outcome.Verified)
        {
            stderr.WriteLine($"backup: the copy FAILED verification and was kept aside as {outcome.File}: {outcome.Problem}");
            return Failure;
        }
        stdout.WriteLine($"Backup written and verified: {outcome.File} ({BackupStatusCommand.Size(outcome.Manifest.SizeBytes)}, SHA-256 {outcome.Manifest.Sha256}).");
        if (outcome.Pruned.Count > 0) stdout.WriteLine($"Removed {outcome.Pruned.Count} old backups (Backup:KeepDays {options.KeepDays}, monthly for {options.KeepMonths} months).");
        return Ok;
    }

    private static int Restore(string database, string backup, TimeProvider clock, TextWriter stdout, TextWriter stderr)
    {
        RestoreResult result;
        try { result = DatabaseRestore.Restore(backup, database, clock.GetUtcNow()); }
        catch (RestoreRefusedException ex)
        {
            stderr.WriteLine($"restore: {ex.Message}");
            return Failure;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"restore: FAILED: {ex.Message}");
            return Failure;
        }
        if (result.Before is not null) WriteCounts(stdout, "Before (replaced database)", result.Before);
        else stdout.WriteLine(result.BeforeProblem is null ? "Before: there was no database." : $"Before: the replaced database could not be read ({result.BeforeProblem}).");
        WriteCounts(stdout, "After (restored)", result.After);
        if (result.ReplacedFolder is not null) stdout.WriteLine($"The replaced database, its log and journal files were moved to {result.ReplacedFolder}.");
        stdout.WriteLine($"Restored {Path.GetFullPath(backup)} to {database}. Start the bot again.");
        return Ok;
    }

    private static void WriteCounts(TextWriter stdout, string title, IReadOnlyDictionary<string, long> counts)
    {
        stdout.WriteLine($"{title}:");
        foreach (var (name, count) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
            stdout.WriteLine($"  {name,-24} {count,10}");
    }

    internal const string Usage =
        """
        Usage: dotnet run --project bot -- backup [--to FILE]
               dotnet run --project bot -- restore FILE

        backup   Copies the database into Backup:Folder (default: data/backups), or FILE, and verifies the copy.
                 The bot must be stopped: while it runs it takes its own backup every night (Backup:DailyAt).
        restore  Puts the backup FILE in place of the database (Bot:DatabasePath). Refuses while the bot runs.
                 The replaced database is moved aside, not deleted. Counts are printed before and after.

        Settings come from appsettings.json and environment variables, as for the bot; override one with e.g.
        --Bot:DatabasePath=/srv/chatbot/data/chatbot.db
        """;

    private static bool UsageFailure(TextWriter stderr, string message, out int exitCode)
    {
        stderr.WriteLine($"backup/restore: {message}");
        stderr.WriteLine(Usage);
        exitCode = UsageError;
        return true;
    }
}
