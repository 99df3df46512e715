using System.Diagnostics;
using ChatBot.Storage;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.Hosting;

/// <summary>
/// Issue #27: <c>dotnet run --project bot -- migrate</c> and <c>-- migrate-store …</c>, run as the built bot's own
/// process (so Program.cs's wiring is what is tested), with a bounded time.
/// </summary>
public class StoreCommandTests
{
    [Fact]
    public async Task Migrate_creates_the_PostgreSQL_schema_prints_it_and_has_nothing_to_do_the_second_time()
    {
        var database = PostgresServer.NewDatabase();
        string[] settings = ["--Bot:Storage=postgres", $"--ConnectionStrings:Postgres={database}"];

        var first = await RunBotAsync(["migrate", .. settings]);
        Assert.True(first.Exit == 0, first.Output);
        Assert.Contains("Database: postgres", first.Output);
        Assert.Contains("Schema script applied: 0001_tables", first.Output);
        Assert.Equal(1L, PostgresHostingTests.Scalar(database, "select count(*) from schema_versions where version = 1"));
        Assert.True(PostgresHostingTests.Scalar(database, "select count(*) from schema_migrations") > 0); // the record migrations, marked on a new database

        var second = await RunBotAsync(["migrate", .. settings]);
        Assert.True(second.Exit == 0, second.Output);
        Assert.Contains("Already up to date", second.Output);
        Assert.DoesNotContain("Schema script applied", second.Output);
    }

    [Fact]
    public async Task Migrate_on_LiteDB_opens_and_migrates_the_file_and_exits()
    {
        var file = TempPaths.NewDatabase();
        var run = await RunBotAsync(["migrate", $"--Bot:DatabasePath={file}"]);
        Assert.True(run.Exit == 0, run.Output);
        Assert.Contains("Database: litedb", run.Output);
        using var db = ChatBotDatabase.Open(file); // exited: the file is free again
        Assert.True(db.GetCollection(ChatBot.Storage.Migrations.SchemaMigrator.Collection).Count() > 0);
    }

    [Fact]
    public async Task Migrate_with_postgres_and_no_connection_string_fails_and_says_what_to_set()
    {
        var run = await RunBotAsync(["migrate", "--Bot:Storage=postgres"]);
        Assert.NotEqual(0, run.Exit);
        Assert.Contains("ConnectionStrings:Postgres is empty", run.Output);
    }

    [Fact]
    public async Task Migrate_store_runs_from_the_command_line()
    {
        var file = TempPaths.NewDatabase();
        using (var db = ChatBotDatabase.Open(file))
            db.GetCollection(ChatBotDatabase.Workspaces).Insert(new LiteDB.BsonDocument { ["_id"] = "office", ["Name"] = "司法所" });
        var target = PostgresServer.NewDatabase();

        var run = await RunBotAsync(["migrate-store", "--from", file, "--to", target]);

        Assert.True(run.Exit == 0, run.Output);
        Assert.Matches(@"(?m)^  workspaces +1 +1\r?$", run.Output);
        Assert.Equal(1L, PostgresHostingTests.Scalar(target, "select count(*) from workspaces where id = 'office'"));
    }

    private static async Task<(int Exit, string Output)> RunBotAsync(string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(SettingsLocationTests.BotBuildOutput(), "ChatBot.Bot.dll"));
        foreach (var arg in args) psi.ArgumentList.Add(arg);
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("Bot__", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)).ToList())
            psi.Environment.Remove(key);
        psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the bot did not exit within 120 s: {await output}{await errors}");
        }
        return (process.ExitCode, await output + await errors);
    }
}
