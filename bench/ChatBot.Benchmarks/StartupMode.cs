using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace ChatBot.Benchmarks;

/// <summary>
/// Time from starting the bot process to its first /healthz 200, on a fresh database. By default the bot is the
/// deployment build: `dotnet publish bot -c Release -r &lt;this machine's RID&gt;` (ReadyToRun, see docs/startup.md),
/// published into bin/…/startup-publish (`--no-publish` reuses the last one) and run as `dotnet ChatBot.Bot.dll`.
/// `--build-output` measures the JIT-only build next to this benchmark instead (what `dotnet run` starts). Every run
/// also reports the CPU time the process used until that answer and the load average: the machine is shared, and wall
/// time follows the load.
/// </summary>
internal static class StartupMode
{
    private const double ClockTicksPerSecond = 100; // USER_HZ on Linux x64: the unit of utime/stime in /proc/<pid>/stat

    public static async Task<int> RunAsync(BenchOptions o)
    {
        var runs = o.Int("runs", 5);
        string dir;
        if (o.Flag("build-output")) dir = AppContext.BaseDirectory;
        else if (o.Flag("no-publish") && File.Exists(Path.Combine(PublishDirectory, "ChatBot.Bot.dll"))) dir = PublishDirectory;
        else if (await PublishAsync() is { } published) dir = published;
        else return 1;
        var dll = Path.Combine(dir, "ChatBot.Bot.dll");
        Console.WriteLine(Machine.Describe());
        Console.WriteLine($"bot: dotnet {dll}");
        await HealthzStatusAsync(FreePort()); // the probe's own first-use cost stays out of run 1
        var times = new List<double>();
        var cpus = new List<double>();
        for (var r = 0; r < runs; r++)
        {
            var port = FreePort();
            var dataDir = BenchDatabase.NewFolder();
            var psi = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
            {
                WorkingDirectory = dir,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            psi.Environment["Bot__DatabasePath"] = Path.Combine(dataDir, "chatbot.db");
            psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            var load = Machine.LoadAverage().Split(' ')[0];
            var sw = Stopwatch.StartNew();
            using var process = Process.Start(psi)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var ok = false;
            while (sw.Elapsed < TimeSpan.FromSeconds(30) && !process.HasExited)
            {
                if (await HealthzStatusAsync(port) == 200) { ok = true; break; }
                await Task.Delay(5);
            }
            var elapsed = sw.Elapsed.TotalMilliseconds;
            var cpu = CpuMilliseconds(process.Id);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
            if (!ok) { Console.WriteLine($"run {r + 1}: the bot did not answer /healthz (exit code {(process.HasExited ? process.ExitCode : -1)})"); return 1; }
            times.Add(elapsed);
            cpus.Add(cpu);
            Console.WriteLine($"run {r + 1}: {elapsed:F0} ms (process CPU {cpu:F0} ms, load average {load})");
        }
        Console.WriteLine($"\n| start-up to /healthz 200 | min {Min(times)} ms | median {Median(times)} ms | max {Max(times)} ms |");
        Console.WriteLine($"| process CPU time until then | min {Min(cpus)} ms | median {Median(cpus)} ms | max {Max(cpus)} ms |");
        return 0;
    }

    private static string PublishDirectory => Path.Combine(AppContext.BaseDirectory, "startup-publish");

    /// <summary>Publishes the bot as it is deployed (ReadyToRun for this machine's RID); null when publishing fails.</summary>
    private static async Task<string?> PublishAsync()
    {
        var repo = RepoRoot();
        if (repo is null) { Console.WriteLine("bot/ChatBot.Bot.csproj not found above " + AppContext.BaseDirectory); return null; }
        var output = PublishDirectory;
        var rid = RuntimeInformation.RuntimeIdentifier;
        Console.WriteLine($"publishing the bot (dotnet publish bot -c Release -r {rid}, ReadyToRun) to {output} …");
        var psi = new ProcessStartInfo("dotnet", ["publish", Path.Combine(repo, "bot", "ChatBot.Bot.csproj"), "-c", "Release", "-r", rid, "-o", output, "-nologo", "-v", "quiet"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var sw = Stopwatch.StartNew();
        using var publish = Process.Start(psi)!;
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        if (publish.ExitCode != 0)
        {
            Console.WriteLine($"dotnet publish failed (exit code {publish.ExitCode}):\n{await stdout}{await stderr}");
            return null;
        }
        Console.WriteLine($"published in {sw.Elapsed.TotalSeconds:F0} s");
        return output;
    }

    private static string? RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "bot", "ChatBot.Bot.csproj"))) return dir.FullName;
        return null;
    }

    /// <summary>User + system CPU time the process has used so far (fields 14 and 15 of /proc/&lt;pid&gt;/stat).</summary>
    private static double CpuMilliseconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11]) + long.Parse(fields[12])) * 1000 / ClockTicksPerSecond;
        }
        catch (IOException) { return double.NaN; }
    }

    private static string Min(List<double> values) => values.Min().ToString("F0");
    private static string Max(List<double> values) => values.Max().ToString("F0");
    private static string Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return (sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2).ToString("F0");
    }

    /// <summary>
    /// GET /healthz over a plain socket: the status code, or 0 when nothing answers yet. Lighter than HttpClient (no
    /// exceptions while the port is closed, nothing to JIT after the first call), so the probe takes as little CPU as
    /// possible from the bot it is timing on a 2-core machine.
    /// </summary>
    private static async Task<int> HealthzStatusAsync(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var connect = new AwaitableConnect(new IPEndPoint(IPAddress.Loopback, port));
        if (!socket.ConnectAsync(connect)) connect.Complete();
        if (await connect.Task != SocketError.Success) return 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await socket.SendAsync("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"u8.ToArray(), SocketFlags.None, timeout.Token);
            var buffer = new byte[64];
            var read = 0;
            while (read < 12)
            {
                var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, timeout.Token);
                if (n == 0) return 0;
                read += n;
            }
            // "HTTP/1.1 200 OK"
            return int.TryParse(System.Text.Encoding.ASCII.GetString(buffer, 9, 3), out var status) ? status : 0;
        }
        catch (SocketException) { return 0; }
        catch (OperationCanceledException) { return 0; }
    }

    /// <summary>A connect that reports refusal as a <see cref="SocketError"/> instead of an exception.</summary>
    private sealed class AwaitableConnect : SocketAsyncEventArgs
    {
        private readonly TaskCompletionSource<SocketError> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public AwaitableConnect(EndPoint endpoint) => RemoteEndPoint = endpoint;
        public Task<SocketError> Task => _done.Task;
        public void Complete() => _done.TrySetResult(SocketError);
        protected override void OnCompleted(SocketAsyncEventArgs e) => Complete();
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
