using ChatBot.Storage;
using ChatBot.Storage.Backups;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Engine;
using ChatBot.Storage.Postgres;
using Npgsql;

namespace ChatBot.Bot.Hosting;

/// <summary>
/// The storage verbs, run instead of the web host (Program.cs):
/// <code>dotnet run --project bot -- migrate</code> brings the configured database (Bot:Storage) up to date — the
/// PostgreSQL schema scripts and the record migrations — prints what it applied and exits;
/// <code>dotnet run --project bot -- migrate-store --from data/chatbot.db --to "Host=…;Database=…" [--force]</code>
/// copies a LiteDB file into PostgreSQL (<see cref="StoreCopy"/>).
/// </summary>
internal static class StoreCommandLine
{
    public const string MigrateVerb = "migrate", MigrateStoreVerb = "migrate-store";
    public const int Ok = 0, Failure = 1, UsageError = 2;

    /// <summary>migrate-store, before the host is built (it uses none of the bot's settings).</summary>
    public static bool TryRunMigrateStore(string[] args, out int exitCode) => TryRunMigrateStore(args, out exitCode, Console.Out, Console.Error);

    internal static bool TryRunMigrateStore(string[] args, out int exitCode, TextWriter stdout, TextWriter stderr)
    {
        exitCode = Ok;
        if (args.Length == 0 || args[0] != MigrateStoreVerb) return false;
        string? from = null, to = null;
        var force = false;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help" or "-?":
                    stdout.WriteLine(MigrateStoreUsage);
                    return true;
                case "--force":
                    force = true;
                    break;
                case "--from" or "--to" when i + 1 < args.Length:
                    if (args[i] == "--from") from = args[++i]; else to = args[++i];
                    break;
                default:
                    return Usage(stderr, $"unexpected argument '{args[i]}'.", out exitCode);
            }
        }
        if (from is null || to is null) return Usage(stderr, "give both --from (the LiteDB file) and --to (the PostgreSQL connection string).", out exitCode);
        exitCode = MigrateStore(Path.GetFullPath(from), to, force, stdout, stderr);
        return true;
    }

    private static int MigrateStore(string file, string connectionString, bool force, TextWriter stdout, TextWriter stderr)
    {
        if (!File.Exists(file))
        {
            stderr.WriteLine($"migrate-store: there is no LiteDB file at {file}.");
            return Failure;
        }
        if (DatabaseRestore.IsInUse(file))
        {
            stderr.WriteLine($"migrate-store: the database {file} is in use by a running bot. Stop it first, so that nothing is written to the file during the copy.");
            return Failure;
        }
        NpgsqlDataSource dataSource;
        try { dataSource = NpgsqlDataSource.Create(connectionString); }
        catch (ArgumentException ex)
        {
            stderr.WriteLine($"migrate-store: --to is not a PostgreSQL connection string ({ex.Message}).");
            return UsageError;
        }
        using (dataSource)
        using (var source = ChatBotDatabase.Open(file))
        using (new JournaledDialogStateStore(source)) // replays dialog state a crash left in the journal into the file
        using (var target = new PostgresDocumentDatabase(dataSource))
        {
            StoreCopyResult result;
            try { result = StoreCopy.Copy(source, target, force); }
            catch (StoreCopyRefusedException ex)
            {
                stderr.WriteLine($"migrate-store: {ex.Message}");
                return Failure;
            }
            catch (NpgsqlException ex)
            {
                stderr.WriteLine($"migrate-store: FAILED, nothing was copied: {ex.Message}");
                return Failure;
            }
            foreach (var script in result.SchemaApplied) stdout.WriteLine($"Schema script applied: {script}");
            stdout.WriteLine($"{"Collection",-24} {"File",10} {"PostgreSQL",10}");
            foreach (var c in result.Collections)
                stdout.WriteLine($"  {c.Name,-22} {c.Source,10} {c.Target,10}{(c.Different > 0 ? $"  {c.Different} DIFFERENT" : "")}");
            foreach (var empty in result.SkippedEmpty) stdout.WriteLine($"  {empty,-22} (empty, no table on PostgreSQL: skipped)");
            if (!result.Verified)
            {
                stderr.WriteLine($"migrate-store: the copy FAILED verification: {string.Join("; ", result.Problems)}");
                return Failure;
            }
            stdout.WriteLine($"Copied and verified {result.Collections.Sum(c => c.Target)} records from {file}: every count matches and every record reads back equal.");
            stdout.WriteLine("Set Bot:Storage=postgres and ConnectionStrings:Postgres to this database, then start the bot.");
            return Ok;
        }
    }

    /// <summary>migrate, once the host is built (it applies the migrations the features register): true when it ran.</summary>
    public static bool TryRunMigrate(string[] args, IHost app, out int exitCode) => TryRunMigrate(args, app, out exitCode, Console.Out, Console.Error);

    internal static bool TryRunMigrate(string[] args, IHost app, out int exitCode, TextWriter stdout, TextWriter stderr)
    {
        exitCode = Ok;
        if (args.Length == 0 || args[0] != MigrateVerb) return false;
        using (app)
        {
            var report = app.Services.GetRequiredService<MigrationReport>();
            try
            {
                app.Services.GetRequiredService<DocumentDatabase>();
                app.Services.GetRequiredService<IDialogStateStore>(); // LiteDB: the journal a crash left is replayed too
            }
            catch (Exception ex)
            {
                stderr.WriteLine($"migrate: FAILED: {ex.Message}");
                exitCode = Failure;
                return true;
            }
            stdout.WriteLine($"Database: {report.Provider}");
            foreach (var script in report.SchemaScripts) stdout.WriteLine($"Schema script applied: {script}");
            foreach (var migration in report.RecordMigrations) stdout.WriteLine($"Record migration applied: {migration}");
            if (report.SchemaScripts.Count + report.RecordMigrations.Count == 0) stdout.WriteLine("Already up to date: nothing to apply.");
        }
        return true;
    }

    internal const string MigrateStoreUsage =
        """
        Usage: dotnet run --project bot -- migrate-store --from FILE --to CONNECTION_STRING [--force]

        Copies every collection of the LiteDB file FILE into the PostgreSQL database CONNECTION_STRING (e.g.
        "Host=db.example;Database=chatbot;Username=chatbot;Password=…"): creates or upgrades its tables first, copies in
        one transaction, prints the counts per collection and checks that every record reads back equal.
        Stop the bot first. A database that already holds records is refused unless --force (which replaces them).
        """;

    private static bool Usage(TextWriter stderr, string message, out int exitCode)
    {
        stderr.WriteLine($"migrate-store: {message}");
        stderr.WriteLine(MigrateStoreUsage);
        exitCode = UsageError;
        return true;
    }
}
