using System.IO.Compression;
using System.Text;
using System.Text.Json;
using ChatBot.Bot.Channels.Teams;

namespace ChatBot.Tests.Teams;

public class TeamsAppPackageTests
{
    private static readonly string[] ExpectedEntries = ["manifest.json", "color.png", "outline.png", "en-us.json"];

    private static Dictionary<string, byte[]> Unzip(byte[] package)
    {
        using var zip = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var s = e.Open();
            using var m = new MemoryStream();
            s.CopyTo(m);
            return m.ToArray();
        });
    }

    private static byte[] BuildDefault() =>
        TeamsAppPackage.Build(TeamsTestPaths.ManifestDir, TeamsTestPaths.AppId, TeamsTestPaths.BotDomain, TeamsTestPaths.Version);

    [Fact]
    public void Package_has_exactly_the_expected_entries_at_the_zip_root()
    {
        var entries = Unzip(BuildDefault());

        Assert.Equal(ExpectedEntries.OrderBy(n => n), entries.Keys.OrderBy(n => n));
        Assert.All(entries.Keys, name => Assert.DoesNotContain('/', name));
        Assert.All(entries.Keys, name => Assert.DoesNotContain('\\', name));
    }

    [Fact]
    public void Icons_are_copied_byte_for_byte()
    {
        var entries = Unzip(BuildDefault());

        Assert.Equal(File.ReadAllBytes(Path.Combine(TeamsTestPaths.ManifestDir, "color.png")), entries["color.png"]);
        Assert.Equal(File.ReadAllBytes(Path.Combine(TeamsTestPaths.ManifestDir, "outline.png")), entries["outline.png"]);
    }

    [Fact]
    public void All_placeholders_are_replaced()
    {
        var entries = Unzip(BuildDefault());
        var manifest = Encoding.UTF8.GetString(entries["manifest.json"]);
        var localization = Encoding.UTF8.GetString(entries["en-us.json"]);

        foreach (var text in new[] { manifest, localization })
        {
            Assert.DoesNotContain("{{", text);
            Assert.DoesNotContain("}}", text);
        }

        using var doc = JsonDocument.Parse(manifest);
        var root = doc.RootElement;
        Assert.Equal(TeamsTestPaths.AppId, root.GetProperty("id").GetString());
        Assert.Equal(TeamsTestPaths.AppId, root.GetProperty("bots")[0].GetProperty("botId").GetString());
        Assert.Equal(TeamsTestPaths.Version, root.GetProperty("version").GetString());
        Assert.Equal(new[] { TeamsTestPaths.BotDomain }, root.GetProperty("validDomains").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Template_has_every_placeholder_so_the_test_above_is_meaningful()
    {
        var template = File.ReadAllText(Path.Combine(TeamsTestPaths.ManifestDir, TeamsAppPackage.TemplateFileName));

        Assert.Contains(TeamsAppPackage.AppIdPlaceholder, template);
        Assert.Contains(TeamsAppPackage.BotDomainPlaceholder, template);
        Assert.Contains(TeamsAppPackage.VersionPlaceholder, template);
    }

    [Fact]
    public void App_id_and_domain_are_normalised()
    {
        var package = TeamsAppPackage.Build(TeamsTestPaths.ManifestDir, " 4F2B8C1D-7E3A-4B6F-9C0D-1A2B3C4D5E6F ", "Bot.Example.GOV.cn", "2.0.10");
        using var doc = JsonDocument.Parse(Unzip(package)["manifest.json"]);

        Assert.Equal(TeamsTestPaths.AppId, doc.RootElement.GetProperty("id").GetString());
        Assert.Equal("bot.example.gov.cn", doc.RootElement.GetProperty("validDomains")[0].GetString());
        Assert.Equal("2.0.10", doc.RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public void Same_inputs_give_identical_bytes()
    {
        Assert.Equal(BuildDefault(), BuildDefault());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not-a-guid")]
    [InlineData("4f2b8c1d7e3a4b6f9c0d1a2b3c4d5e6f")] // GUID without hyphens: Teams requires the 8-4-4-4-12 form
    [InlineData("{4f2b8c1d-7e3a-4b6f-9c0d-1a2b3c4d5e6f}")]
    [InlineData("4f2b8c1d-7e3a-4b6f-9c0d-1a2b3c4d5e6")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public void Bad_app_id_is_rejected_with_ArgumentException(string appId)
    {
        var e = Assert.Throws<ArgumentException>(() =>
            TeamsAppPackage.Build(TeamsTestPaths.ManifestDir, appId, TeamsTestPaths.BotDomain, TeamsTestPaths.Version));

        Assert.Equal("appId", e.ParamName);
        Assert.Contains("App ID", e.Message);
    }

    [Fact]
    public void Null_app_id_is_rejected_with_ArgumentException()
    {
        Assert.ThrowsAny<ArgumentException>(() =>
            TeamsAppPackage.Build(TeamsTestPaths.ManifestDir, null!, TeamsTestPaths.BotDomain, TeamsTestPaths.Version));
    }

    [Theory]
    [InlineData("")]
    [InlineData("https://bot.example.gov.cn")]
    [InlineData("bot.example.gov.cn/api/messages")]
    [InlineData("bot.example.gov.cn:443")]
    [InlineData("10.0.0.1")]
    [InlineData("bot_example.gov.cn")]
    [InlineData("-bot.example.gov.cn")]
    [InlineData("bot..example.gov.cn")]
    [InlineData("bot example.gov.cn")]
    [InlineData("*.example.gov.cn")]
    public void Bad_bot_domain_is_rejected_with_ArgumentException(string domain)
    {
        var e = Assert.Throws<ArgumentException>(() =>
            TeamsAppPackage.Build(TeamsTestPaths.ManifestDir, TeamsTestPaths.AppId, domain, TeamsTestPaths.Version));

        Assert.Equal("botDomain", e.ParamName);
    }

    [Theory]
    [InlineData("bot.example.gov.cn")]
    [InlineData("chatbot-01.township.example.com")]
    [InlineData("localhost")]
    [InlineData("abc123.ngrok-free.app")]
    public void Good_bot_domains_are_accepted(string domain)
    {
        Assert.Equal(domain, TeamsAppPackage.NormalizeBotDomain(domain));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.0")]
    [InlineData("v1.0.0")]
    [InlineData("1.0.0-beta")]
    [InlineData("01.0.0")]
    public void Bad_version_is_rejected_with_ArgumentException(string version)
    {
        var e = Assert.Throws<ArgumentException>(() =>
            TeamsAppPackage.Build(TeamsTestPaths.ManifestDir, TeamsTestPaths.AppId, TeamsTestPaths.BotDomain, version));

        Assert.Equal("version", e.ParamName);
    }

    [Fact]
    public void Missing_manifest_folder_or_icon_is_reported()
    {
        using var tmp = new TeamsTestPaths.TempDir();
        Assert.Throws<DirectoryNotFoundException>(() =>
            TeamsAppPackage.Build(Path.Combine(tmp.Path, "nope"), TeamsTestPaths.AppId, TeamsTestPaths.BotDomain, TeamsTestPaths.Version));

        File.Copy(Path.Combine(TeamsTestPaths.ManifestDir, TeamsAppPackage.TemplateFileName), Path.Combine(tmp.Path, TeamsAppPackage.TemplateFileName));
        File.Copy(Path.Combine(TeamsTestPaths.ManifestDir, "color.png"), Path.Combine(tmp.Path, "color.png"));
        File.Copy(Path.Combine(TeamsTestPaths.ManifestDir, "en-us.json"), Path.Combine(tmp.Path, "en-us.json"));
        var e = Assert.Throws<FileNotFoundException>(() =>
            TeamsAppPackage.Build(tmp.Path, TeamsTestPaths.AppId, TeamsTestPaths.BotDomain, TeamsTestPaths.Version));
        Assert.Contains("outline.png", e.Message);
    }

    [Fact]
    public void Unknown_placeholder_in_template_is_reported()
    {
        using var tmp = new TeamsTestPaths.TempDir();
        foreach (var f in ExpectedEntries.Skip(1))
            File.Copy(Path.Combine(TeamsTestPaths.ManifestDir, f), Path.Combine(tmp.Path, f));
        var template = File.ReadAllText(Path.Combine(TeamsTestPaths.ManifestDir, TeamsAppPackage.TemplateFileName))
            .Replace("\"accentColor\": \"#1F5AA6\"", "\"accentColor\": \"{{ACCENT}}\"");
        File.WriteAllText(Path.Combine(tmp.Path, TeamsAppPackage.TemplateFileName), template);

        var e = Assert.Throws<InvalidDataException>(() =>
            TeamsAppPackage.Build(tmp.Path, TeamsTestPaths.AppId, TeamsTestPaths.BotDomain, TeamsTestPaths.Version));
        Assert.Contains("{{ACCENT}}", e.Message);
    }
}
