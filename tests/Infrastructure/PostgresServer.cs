using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ChatBot.Storage.Postgres;
using Npgsql;

namespace ChatBot.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster for the tests: <c>CHATBOT_TEST_POSTGRES</c> names a server to use (a connection
/// string to a role that may create databases); otherwise one is made with Debian's initdb and pg_ctl in a temporary
/// folder (as the postgres user when the tests run as root), listening on a free local port, and stopped when the
/// test run ends. Without either the PostgreSQL tests fail, saying what to install: they are never skipped.
/// Each test takes its own new database (<see cref="NewDatabase"/>).
/// </summary>
internal static class PostgresServer
{
    private static readonly Lazy<string> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _databases;

    /// <summary>A connection string to the server's maintenance database.</summary>
    public static string ConnectionString => Server.Value;

    /// <summary>Ends a connection on the server, as a crash of its process or host (or a network cut) would.</summary>
    public static void TerminateBackend(int backendPid)
    {
        using var admin = new NpgsqlConnection(ConnectionString);
        admin.Open();
        using var kill = new NpgsqlCommand("select pg_terminate_backend($1)", admin);
        kill.Parameters.AddWithValue(backendPid);
        Assert.Equal(true, kill.ExecuteScalar());
    }

    /// <summary>A new, empty database on the server; returns its connection string.</summary>
    public static string NewDatabase(string prefix = "t")
    {
        var name = Shortened($"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}", 40).ToLowerInvariant();
        using (var admin = new NpgsqlConnection(ConnectionString))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"create database \"{name}\"", admin);
            create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>A new database with the bot's schema, as a data source the caller disposes.</summary>
    public static NpgsqlDataSource NewMigratedDataSource()
    {
        var dataSource = NpgsqlDataSource.Create(NewDatabase());
        PostgresSchema.Migrate(dataSource);
        return dataSource;
    }

    // At most that long, and shorter as it is: a process id of three digits made the name shorter than the cut.
    private static string Shortened(string name, int atMost) => name.Length > atMost ? name[..atMost] : name;

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable("CHATBOT_TEST_POSTGRES") is { Length: > 0 } given) return given;
        var bin = FindBinaries() ?? throw new InvalidOperationException(
            "The PostgreSQL tests need a PostgreSQL server: install Debian's 'postgresql' package (initdb and pg_ctl are used " +
            "to start a throwaway one), or set CHATBOT_TEST_POSTGRES to a connection string of a role that may create databases.");
        var dir = Path.Combine(Path.GetTempPath(), Shortened($"chatbot-pg-{Environment.ProcessId}-{Guid.NewGuid():N}", 48));
        Directory.CreateDirectory(dir);
        var asRoot = Environment.UserName == "root";
        if (asRoot) Run("chown", $"postgres \"{dir}\"");
        var data = Path.Combine(dir, "data");
        Run(Path.Combine(bin, "initdb"), $"-D \"{data}\" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync", asRoot);
        var port = TestPorts.Free();
        // Throwaway: no fsync (the durability tests of this project are about the bot, not PostgreSQL).
        Run(Path.Combine(bin, "pg_ctl"),
            $"-D \"{data}\" -l \"{Path.Combine(dir, "log")}\" -w -t 60 -o \"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" start",
            asRoot);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Run(Path.Combine(bin, "pg_ctl"), $"-D \"{data}\" -m immediate -w stop", asRoot);
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception) { /* the folder is in /tmp; a stopped test run must not fail here */ }
        };
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50";
    }

    private static string? FindBinaries()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
            if (File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "initdb"))) return dir;
        if (Directory.Exists("/usr/lib/postgresql"))
            return Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal)
                .Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_ctl")));
        return null;
    }

    private static void Run(string program, string arguments, bool asPostgres = false)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- \"{program}\" {arguments}")
            : new ProcessStartInfo(program, arguments);
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) { p.Kill(true); throw new TimeoutException($"{program} {arguments} did not finish in 2 minutes"); }
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{program} {arguments} failed ({p.ExitCode}): {output.Result} {error.Result}");
    }
}
