using System.IO.Compression;
using System.Text.Json.Nodes;
using ChatBot.Bot.Channels.Teams;

namespace ChatBot.Tests.Teams;

/// <summary>
/// Validates the built manifest against Microsoft's official schema for its manifestVersion (from the npm package
/// @microsoft/app-manifest) with tests/Teams/js/validate-manifest.js, which uses ajv.
/// </summary>
public class TeamsManifestSchemaTests
{
    private static string ExtractPackage(string folder)
    {
        var package = TeamsAppPackage.Build(TeamsTestPaths.ManifestDir, TeamsTestPaths.AppId, TeamsTestPaths.BotDomain, TeamsTestPaths.Version);
        var zipPath = Path.Combine(folder, "package.zip");
        File.WriteAllBytes(zipPath, package);
        var extracted = Path.Combine(folder, "extracted");
        ZipFile.ExtractToDirectory(zipPath, extracted);
        return Path.Combine(extracted, TeamsAppPackage.ManifestEntryName);
    }

    [Fact]
    public void Built_manifest_validates_against_the_official_schema_of_its_version()
    {
        using var tmp = new TeamsTestPaths.TempDir();
        var manifestFile = ExtractPackage(tmp.Path);

        var (exitCode, output) = TeamsTestPaths.RunValidator(manifestFile);

        Assert.True(exitCode == 0, $"validate-manifest.js exit code {exitCode}:\n{output}");
        var version = JsonNode.Parse(File.ReadAllText(manifestFile))!["manifestVersion"]!.GetValue<string>();
        Assert.Contains($"teams/v{version}/MicrosoftTeams.schema.json", output);
        Assert.Contains("1 localization file", output); // en-us.json was validated too
    }

    [Fact]
    public void Manifest_without_bot_id_is_rejected_by_the_validator()
    {
        using var tmp = new TeamsTestPaths.TempDir();
        var manifestFile = ExtractPackage(tmp.Path);
        var manifest = JsonNode.Parse(File.ReadAllText(manifestFile))!;
        manifest["bots"]![0]!.AsObject().Remove("botId");
        File.WriteAllText(manifestFile, manifest.ToJsonString());

        var (exitCode, output) = TeamsTestPaths.RunValidator(manifestFile);

        Assert.Equal(1, exitCode);
        Assert.Contains("botId", output);
    }

    [Theory]
    [InlineData("accentColor", "\"blue\"")]             // not #RRGGBB
    [InlineData("id", "\"not-a-guid\"")]
    [InlineData("unknownTopLevelProperty", "true")]    // additionalProperties: false
    public void Manifest_with_invalid_values_is_rejected_by_the_validator(string property, string json)
    {
        using var tmp = new TeamsTestPaths.TempDir();
        var manifestFile = ExtractPackage(tmp.Path);
        var manifest = JsonNode.Parse(File.ReadAllText(manifestFile))!;
        manifest[property] = JsonNode.Parse(json);
        File.WriteAllText(manifestFile, manifest.ToJsonString());

        var (exitCode, output) = TeamsTestPaths.RunValidator(manifestFile);

        Assert.True(exitCode == 1, $"expected rejection, got exit code {exitCode}:\n{output}");
    }

    [Fact]
    public void Invalid_localization_file_is_rejected_by_the_validator()
    {
        using var tmp = new TeamsTestPaths.TempDir();
        var manifestFile = ExtractPackage(tmp.Path);
        var locFile = Path.Combine(Path.GetDirectoryName(manifestFile)!, "en-us.json");
        var loc = JsonNode.Parse(File.ReadAllText(locFile))!;
        loc["name.short"] = new string('x', 31); // limit is 30
        File.WriteAllText(locFile, loc.ToJsonString());

        var (exitCode, output) = TeamsTestPaths.RunValidator(manifestFile);

        Assert.True(exitCode == 1, $"expected rejection, got exit code {exitCode}:\n{output}");
        Assert.Contains("en-us.json", output);
    }
}
