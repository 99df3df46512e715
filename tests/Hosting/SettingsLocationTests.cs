using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Bot.Hosting;

namespace ChatBot.Tests.Hosting;

/// <summary>
/// Issue #20, item 5: the bot reads the appsettings.json next to its dll when a service unit starts it from another
/// folder (`cd /srv/data &amp;&amp; dotnet /opt/chatbot/ChatBot.Bot.dll`). The built bot runs as its own process
/// from a copy of its build output, on a loopback port, for a bounded time.
/// </summary>
public class SettingsLocationTests
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Started_from_another_folder_the_bot_uses_the_settings_next_to_its_dll()
    {
        var root = Path.Combine(Path.GetTempPath(), "chatbot-settings-" + Guid.NewGuid().ToString("N"));
        var app = Path.Combine(root, "opt", "chatbot");
        var workingDirectory = Path.Combine(root, "srv", "data");
        Directory.CreateDirectory(workingDirectory);
        try
        {
            CopyDirectory(BotBuildOutput(), app);
            var port = FreeLoopbackPort();
            var database = Path.Combine(root, "configured", "bot.db");
            // The program's own appsettings.json says where to listen, where the data goes and what to log.
            var settingsFile = Path.Combine(app, "appsettings.json");
            var settings = JsonNode.Parse(File.ReadAllText(settingsFile))!.AsObject();
            settings["Urls"] = $"http://127.0.0.1:{port}";
            settings["Bot"]!["DatabasePath"] = database;
            settings["Logging"]!["LogLevel"]!["Microsoft.AspNetCore"] = "Warning";
            File.WriteAllText(settingsFile, settings.ToJsonString());

            var psi = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            psi.ArgumentList.Add(Path.Combine(app, "ChatBot.Bot.dll"));
            foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
                         || k.StartsWith("DOTNET_CONTENTROOT", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Bot__", StringComparison.OrdinalIgnoreCase)).ToList())
                psi.Environment.Remove(key);
            psi.Environment["DOTNET_ENVIRONMENT"] = "Production";

            using var process = Process.Start(psi) ?? throw new InvalidOperationException("dotnet did not start");
            var output = new StringBuilder();
            process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
                var watch = Stopwatch.StartNew();
                HttpStatusCode? status = null;
                while (watch.Elapsed < StartBound && !process.HasExited)
                {
                    try
                    {
                        status = (await http.GetAsync($"http://127.0.0.1:{port}/healthz")).StatusCode;
                        if (status == HttpStatusCode.OK) break;
                    }
                    catch (HttpRequestException) { } // not listening yet
                    catch (TaskCanceledException) { }
                    await Task.Delay(250);
                }
                string Log() { lock (output) return output.ToString(); }
                Assert.True(status == HttpStatusCode.OK, $"no 200 from /healthz on the configured port {port} within {StartBound} (exited: {process.HasExited}):\n{Log()}");
                Assert.True(File.Exists(database), $"the database is not where appsettings.json put it:\n{Log()}");
                Assert.False(Directory.Exists(Path.Combine(workingDirectory, "data")), "the default data folder was created in the working directory");
                // The Logging section is applied: no per-request Information lines from ASP.NET Core.
                await http.GetAsync($"http://127.0.0.1:{port}/healthz");
                await Task.Delay(300);
                Assert.DoesNotContain("Request starting", Log());
                Assert.Contains($"Content root path: {app}", Log());
            }
            finally
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    [Fact]
    public void The_content_root_is_the_program_folder_unless_one_is_asked_for()
    {
        Assert.Equal(AppContext.BaseDirectory, ProgramFolder.Options([]).ContentRootPath);
        Assert.Null(ProgramFolder.Options(["--contentRoot", "/srv/chatbot"]).ContentRootPath);
        Assert.Equal("/srv/chatbot", ProgramFolder.ExplicitContentRoot(["--contentRoot=/srv/chatbot"]));
    }

    /// <summary>bot/bin/{Configuration}/{tfm}: the bot's own build output (the test project builds it).</summary>
    internal static string BotBuildOutput()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (tfm, configuration) = (testOutput.Name, testOutput.Parent!.Name);
        for (var dir = testOutput; dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ChatBot.sln")))
            {
                var output = Path.Combine(dir.FullName, "bot", "bin", configuration, tfm);
                if (!File.Exists(Path.Combine(output, "ChatBot.Bot.dll")))
                    throw new InvalidOperationException($"The bot's build output {output} is missing: build the solution first.");
                return output;
            }
        throw new InvalidOperationException($"ChatBot.sln not found above {AppContext.BaseDirectory}.");
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
