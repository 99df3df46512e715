using System.Diagnostics;

namespace ChatBot.Tests.Teams;

/// <summary>Locations in the repository and a small helper for running the node validator.</summary>
internal static class TeamsTestPaths
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ChatBot.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"ChatBot.sln not found above {AppContext.BaseDirectory}.");
    });

    public static string RepoRoot => Root.Value;
    public static string ManifestDir => Path.Combine(RepoRoot, "manifest");
    public static string ValidatorScript => Path.Combine(RepoRoot, "tests", "Teams", "js", "validate-manifest.js");

    public const string AppId = "4f2b8c1d-7e3a-4b6f-9c0d-1a2b3c4d5e6f";
    public const string BotDomain = "bot.example.gov.cn";
    public const string Version = "1.2.3";

    /// <summary>A fresh temporary folder, deleted when disposed.</summary>
    public sealed class TempDir : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "chatbot-teams-" + Guid.NewGuid().ToString("N"));
        public TempDir() => Directory.CreateDirectory(Path);
        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Runs <c>node validate-manifest.js file</c> from the repository root; returns exit code and output.</summary>
    public static (int ExitCode, string Output) RunValidator(string manifestFile)
    {
        var psi = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(ValidatorScript);
        psi.ArgumentList.Add(manifestFile);

        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InvalidOperationException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("node is required to validate the Teams manifest (not found on PATH).", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("node validate-manifest.js did not finish within 2 minutes.");
            }
            process.WaitForExit();
            return (process.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
