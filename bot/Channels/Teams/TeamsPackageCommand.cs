namespace ChatBot.Bot.Channels.Teams;

/// <summary>
/// Command-line entry point that writes the Teams app package instead of starting the web host:
/// <code>dotnet run --project bot -- teams-package --app-id &lt;guid&gt; --domain &lt;host&gt; [--version 1.0.0] [--out file.zip] [--manifest-dir dir]</code>
/// Program.cs calls <c>if (TeamsPackageCommand.TryRun(args, out var code)) return code;</c> before building the host.
/// </summary>
internal static class TeamsPackageCommand
{
    public const string CommandName = "teams-package";

    /// <summary>Environment variable read when --app-id is not given (the bot's BotFramework:MicrosoftAppId).</summary>
    public const string AppIdEnvironmentVariable = "BotFramework__MicrosoftAppId";
    /// <summary>Environment variable read when --domain is not given.</summary>
    public const string BotDomainEnvironmentVariable = "Teams__BotDomain";
    /// <summary>Environment variable read when --version is not given (default 1.0.0).</summary>
    public const string VersionEnvironmentVariable = "Teams__AppVersion";

    public const string DefaultVersion = "1.0.0";

    /// <summary>Exit code for bad or missing arguments.</summary>
    public const int UsageError = 2;
    /// <summary>Exit code for a failure while reading the manifest folder or writing the package.</summary>
    public const int Failure = 1;

    /// <summary>
    /// Runs the command when <paramref name="args"/> starts with <c>teams-package</c>.
    /// </summary>
    /// <returns><c>false</c> (and exit code 0) when the arguments are not for this command, so the caller goes on
    /// to start the web host; <c>true</c> when the command ran, with its process exit code.</returns>
    public static bool TryRun(string[] args, out int exitCode) =>
        TryRun(args, out exitCode, Console.Out, Console.Error, Environment.GetEnvironmentVariable, Directory.GetCurrentDirectory());

    internal static bool TryRun(string[] args, out int exitCode, TextWriter stdout, TextWriter stderr,
        Func<string, string?> getEnvironmentVariable, string currentDirectory)
    {
        exitCode = 0;
        if (args is null || args.Length == 0 || !string.Equals(args[0], CommandName, StringComparison.OrdinalIgnoreCase))
            return false;

        string? appId = null, domain = null, version = null, output = null, manifestDir = null;
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help" or "-?")
            {
                stdout.WriteLine(Usage);
                return true;
            }

            string name = arg, value;
            var eq = arg.IndexOf('=');
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                name = arg[..eq];
                value = arg[(eq + 1)..];
            }
            else if (i + 1 < args.Length)
            {
                value = args[++i];
            }
            else
            {
                return UsageFailure(stderr, $"option {arg} needs a value.", out exitCode);
            }

            switch (name)
            {
                case "--app-id": appId = value; break;
                case "--domain": domain = value; break;
                case "--version": version = value; break;
                case "--out": output = value; break;
                case "--manifest-dir": manifestDir = value; break;
                default: return UsageFailure(stderr, $"unknown option '{name}'.", out exitCode);
            }
        }

        appId = FirstNonEmpty(appId, getEnvironmentVariable(AppIdEnvironmentVariable));
        domain = FirstNonEmpty(domain, getEnvironmentVariable(BotDomainEnvironmentVariable));
        version = FirstNonEmpty(version, getEnvironmentVariable(VersionEnvironmentVariable)) ?? DefaultVersion;
        if (appId is null)
            return UsageFailure(stderr, $"the bot's Microsoft App ID is missing: pass --app-id or set {AppIdEnvironmentVariable}.", out exitCode);
        if (domain is null)
            return UsageFailure(stderr, $"the bot's domain is missing: pass --domain or set {BotDomainEnvironmentVariable}.", out exitCode);

        manifestDir = manifestDir is null ? FindManifestDirectory(currentDirectory) : Path.GetFullPath(manifestDir, currentDirectory);
        if (manifestDir is null)
            return UsageFailure(stderr,
                $"cannot find the manifest folder (manifest/{TeamsAppPackage.TemplateFileName}) above '{currentDirectory}' or the application folder: pass --manifest-dir.",
                out exitCode);

        output = Path.GetFullPath(output ?? Path.Combine("artifacts", "teams", $"chatbot-teams-{version}.zip"), currentDirectory);

        try
        {
            var package = TeamsAppPackage.Build(manifestDir, appId, domain, version);
            var folder = Path.GetDirectoryName(output);
            if (!string.IsNullOrEmpty(folder))
                Directory.CreateDirectory(folder);
            File.WriteAllBytes(output, package);
            stdout.WriteLine($"Teams app package written to {output} ({package.Length} bytes; app id {TeamsAppPackage.NormalizeAppId(appId)}, " +
                             $"domain {TeamsAppPackage.NormalizeBotDomain(domain)}, version {version.Trim()}).");
            exitCode = 0;
        }
        catch (ArgumentException e)
        {
            return UsageFailure(stderr, e.Message, out exitCode);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            stderr.WriteLine($"{CommandName}: {e.Message}");
            exitCode = Failure;
        }
        return true;
    }

    /// <summary>
    /// Looks for <c>manifest/manifest.template.json</c> in <paramref name="startDirectory"/> and its parents, then in
    /// the application folder and its parents (which covers <c>dotnet run</c> from anywhere inside the repository).
    /// </summary>
    internal static string? FindManifestDirectory(string startDirectory)
    {
        foreach (var start in new[] { startDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "manifest");
                if (File.Exists(Path.Combine(candidate, TeamsAppPackage.TemplateFileName)))
                    return candidate;
            }
        }
        return null;
    }

    internal const string Usage =
        $"""
        Usage: dotnet run --project bot -- {CommandName} [options]

        Writes the Microsoft Teams app package (manifest.json + icons + localization files) as a zip.

        Options:
          --app-id <guid>        Bot's Microsoft App ID (default: env {AppIdEnvironmentVariable})
          --domain <host>        Host name serving https://<host>/api/messages (default: env {BotDomainEnvironmentVariable})
          --version <x.y.z>      App version, raise it for each new upload (default: env {VersionEnvironmentVariable} or {DefaultVersion})
          --out <file.zip>       Output file (default: artifacts/teams/chatbot-teams-<version>.zip)
          --manifest-dir <dir>   Folder with {TeamsAppPackage.TemplateFileName} and icons (default: the repository's manifest/)
        """;

    private static bool UsageFailure(TextWriter stderr, string message, out int exitCode)
    {
        stderr.WriteLine($"{CommandName}: {message}");
        stderr.WriteLine(Usage);
        exitCode = UsageError;
        return true;
    }

    private static string? FirstNonEmpty(params string?[] values) =>
        values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
