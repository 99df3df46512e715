using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ChatBot.Benchmarks;

/// <summary>Time from starting the bot process (dotnet ChatBot.Bot.dll) to its first /healthz 200, on a fresh database.</summary>
internal static class StartupMode
{
    public static async Task<int> RunAsync(BenchOptions o)
    {
        var runs = o.Int("runs", 5);
        var dll = Path.Combine(AppContext.BaseDirectory, "ChatBot.Bot.dll");
        Console.WriteLine(Machine.Describe());
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var times = new List<double>();
        for (var r = 0; r < runs; r++)
        {
            var port = FreePort();
            var dir = Path.Combine(Path.GetTempPath(), "chatbot-bench", Guid.NewGuid().ToString("N"));
            var psi = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
            {
                WorkingDirectory = AppContext.BaseDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            psi.Environment["Bot__DatabasePath"] = Path.Combine(dir, "chatbot.db");
            psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            var sw = Stopwatch.StartNew();
            using var process = Process.Start(psi)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var ok = false;
            while (sw.Elapsed < TimeSpan.FromSeconds(30) && !process.HasExited)
            {
                try
                {
                    using var response = await http.GetAsync($"http://127.0.0.1:{port}/healthz");
                    if (response.StatusCode == HttpStatusCode.OK) { ok = true; break; }
                }
                catch (HttpRequestException) { }
                await Task.Delay(5);
            }
            var elapsed = sw.Elapsed.TotalMilliseconds;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            if (!ok) { Console.WriteLine($"run {r + 1}: the bot did not answer /healthz (exit code {(process.HasExited ? process.ExitCode : -1)})"); return 1; }
            times.Add(elapsed);
            Console.WriteLine($"run {r + 1}: {elapsed:F0} ms");
        }
        times.Sort();
        Console.WriteLine($"\n| start-up to /healthz 200 | min {times[0]:F0} ms | median {times[times.Count / 2]:F0} ms | max {times[^1]:F0} ms |");
        return 0;
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
