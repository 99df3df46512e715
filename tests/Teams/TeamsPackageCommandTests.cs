using System.IO.Compression;
using System.Text.Json;
using ChatBot.Bot.Channels.Teams;

namespace ChatBot.Tests.Teams;

public class TeamsPackageCommandTests
{
    private static (bool Handled, int ExitCode, string Out, string Err) Run(string[] args, Dictionary<string, string>? env = null, string? cwd = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var handled = TeamsPackageCommand.TryRun(args, out var code, stdout, stderr,
            name => env is not null && env.TryGetValue(name, out var v) ? v : null,
            cwd ?? TeamsTestPaths.RepoRoot);
        return (handled, code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("--urls http://localhost:3978")]
    [InlineData("serve teams-package")]
    public void Other_arguments_are_left_to_the_web_host(string commandLine)
    {
        var (handled, code, output, errors) = Run(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.False(handled);
        Assert.Equal(0, code);
        Assert.Empty(output + errors);
    }

    [Fact]
    public void Writes_the_package_from_options()
    {
        using var tmp = new TeamsTestPaths.TempDir();
        var outFile = Path.Combine(tmp.Path, "sub", "app.zip");

        var (handled, code, output, errors) = Run(["teams-package", "--app-id", TeamsTestPaths.AppId, "--domain", TeamsTestPaths.BotDomain,
            "--version=3.1.4", "--out", outFile, "--manifest-dir", TeamsTestPaths.ManifestDir]);

        Assert.True(handled);
        Assert.True(code == 0, errors);
        Assert.Contains(outFile, output);
        using var zip = ZipFile.OpenRead(outFile);
        using var doc = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        Assert.Equal("3.1.4", doc.RootElement.GetProperty("version").GetString());
        Assert.Equal(TeamsTestPaths.AppId, doc.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public void Reads_app_id_and_domain_from_environment_and_finds_the_manifest_folder()
    {
        using var tmp = new TeamsTestPaths.TempDir();
        var env = new Dictionary<string, string>
        {
            [TeamsPackageCommand.AppIdEnvironmentVariable] = TeamsTestPaths.AppId,
            [TeamsPackageCommand.BotDomainEnvironmentVariable] = "teams.example.gov.cn",
        };

        // run outside the repository without --manifest-dir or --out: the manifest folder is found from the
        // application folder (bin/... inside the repository), the zip goes to ./artifacts/teams/
        var (handled, code, _, errors) = Run(["teams-package"], env, cwd: tmp.Path);
        var defaultOut = Path.Combine(tmp.Path, "artifacts", "teams", "chatbot-teams-1.0.0.zip");

        Assert.True(handled);
        Assert.True(code == 0, errors);
        using var zip = ZipFile.OpenRead(defaultOut);
        using var doc = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        Assert.Equal("teams.example.gov.cn", doc.RootElement.GetProperty("validDomains")[0].GetString());
        Assert.Equal(TeamsTestPaths.AppId, doc.RootElement.GetProperty("bots")[0].GetProperty("botId").GetString());
        Assert.Equal(TeamsPackageCommand.DefaultVersion, doc.RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public void Options_win_over_environment()
    {
        using var tmp = new TeamsTestPaths.TempDir();
        var outFile = Path.Combine(tmp.Path, "app.zip");
        var env = new Dictionary<string, string>
        {
            [TeamsPackageCommand.AppIdEnvironmentVariable] = "not-a-guid",
            [TeamsPackageCommand.BotDomainEnvironmentVariable] = "https://wrong",
        };

        var (_, code, _, errors) = Run(["teams-package", "--app-id", TeamsTestPaths.AppId, "--domain", TeamsTestPaths.BotDomain, "--out", outFile], env);

        Assert.True(code == 0, errors);
        Assert.True(File.Exists(outFile));
    }

    [Fact]
    public void Missing_app_id_is_a_usage_error()
    {
        var (handled, code, _, errors) = Run(["teams-package", "--domain", TeamsTestPaths.BotDomain]);

        Assert.True(handled);
        Assert.Equal(TeamsPackageCommand.UsageError, code);
        Assert.Contains(TeamsPackageCommand.AppIdEnvironmentVariable, errors);
    }

    [Fact]
    public void Bad_app_id_is_a_usage_error_and_writes_nothing()
    {
        using var tmp = new TeamsTestPaths.TempDir();
        var outFile = Path.Combine(tmp.Path, "app.zip");

        var (handled, code, _, errors) = Run(["teams-package", "--app-id", "12345", "--domain", TeamsTestPaths.BotDomain, "--out", outFile]);

        Assert.True(handled);
        Assert.Equal(TeamsPackageCommand.UsageError, code);
        Assert.Contains("12345", errors);
        Assert.False(File.Exists(outFile));
    }

    [Fact]
    public void Unknown_option_is_a_usage_error()
    {
        var (handled, code, _, errors) = Run(["teams-package", "--colour", "red"]);

        Assert.True(handled);
        Assert.Equal(TeamsPackageCommand.UsageError, code);
        Assert.Contains("--colour", errors);
    }

    [Fact]
    public void Help_prints_usage()
    {
        var (handled, code, output, _) = Run(["teams-package", "--help"]);

        Assert.True(handled);
        Assert.Equal(0, code);
        Assert.Contains("--app-id", output);
        Assert.Contains(TeamsPackageCommand.BotDomainEnvironmentVariable, output);
    }
}
