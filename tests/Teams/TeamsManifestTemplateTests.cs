using System.Text.Json.Nodes;
using ChatBot.Bot.Channels.Teams;

namespace ChatBot.Tests.Teams;

/// <summary>
/// Rules from the Teams documentation that the JSON schema is looser about (the v1.2x schemas allow 12 commands per
/// list and 128-character titles; the bot menu documentation says up to 10 commands, and short titles display best).
/// </summary>
public class TeamsManifestTemplateTests
{
    private static JsonNode Template() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(TeamsTestPaths.ManifestDir, TeamsAppPackage.TemplateFileName)))!;

    private static JsonNode Localization() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(TeamsTestPaths.ManifestDir, "en-us.json")))!;

    [Fact]
    public void Schema_url_matches_manifest_version_and_the_package_ships_that_schema()
    {
        var manifest = Template();
        var version = manifest["manifestVersion"]!.GetValue<string>();

        Assert.Equal($"https://developer.microsoft.com/json-schemas/teams/v{version}/MicrosoftTeams.schema.json", manifest["$schema"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(TeamsTestPaths.RepoRoot, "node_modules", "@microsoft", "app-manifest", "build", "json-schemas",
            "teams", $"v{version}", "MicrosoftTeams.schema.json")), $"node_modules/@microsoft/app-manifest has no v{version} schema (npm ci?)");
        Assert.Equal($"https://developer.microsoft.com/json-schemas/teams/v{version}/MicrosoftTeams.Localization.schema.json",
            Localization()["$schema"]!.GetValue<string>());
    }

    [Fact]
    public void Names_and_basic_fields()
    {
        var manifest = Template();

        Assert.Equal("依法行政助手", manifest["name"]!["short"]!.GetValue<string>());
        Assert.Equal("依法行政助手 Law-based Administration Assistant", manifest["name"]!["full"]!.GetValue<string>());
        Assert.Equal("zh-cn", manifest["localizationInfo"]!["defaultLanguageTag"]!.GetValue<string>());
        Assert.Equal("en-us", manifest["localizationInfo"]!["additionalLanguages"]![0]!["languageTag"]!.GetValue<string>());
        Assert.Equal("en-us.json", manifest["localizationInfo"]!["additionalLanguages"]![0]!["file"]!.GetValue<string>());
        Assert.Matches("^#[0-9A-Fa-f]{6}$", manifest["accentColor"]!.GetValue<string>());
        foreach (var url in new[] { "websiteUrl", "privacyUrl", "termsOfUseUrl" })
        {
            var value = manifest["developer"]![url]!.GetValue<string>();
            Assert.True(Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps, $"{url} '{value}' is not an https URL");
        }
    }

    [Fact]
    public void Meeting_events_are_consented_per_chat_for_the_study_meeting_sign_in()
    {
        var manifest = Template();
        // Teams sends meetingStart/meetingEnd only with OnlineMeeting.ReadBasic.Chat (ChannelMeeting.ReadBasic.Group in a
        // channel meeting) and participant join/leave only with OnlineMeetingParticipant.Read.Chat; RSC needs webApplicationInfo.
        var permissions = manifest["authorization"]!["permissions"]!["resourceSpecific"]!.AsArray()
            .Select(p => (p!["name"]!.GetValue<string>(), p["type"]!.GetValue<string>())).ToList();
        Assert.Equal(
            [("OnlineMeeting.ReadBasic.Chat", "Application"), ("OnlineMeetingParticipant.Read.Chat", "Application"), ("ChannelMeeting.ReadBasic.Group", "Application")],
            permissions);
        Assert.Equal(TeamsAppPackage.AppIdPlaceholder, manifest["webApplicationInfo"]!["id"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(manifest["webApplicationInfo"]!["resource"]!.GetValue<string>()));
    }

    [Fact]
    public void Bot_scopes_flags_and_a_command_list_per_scope()
    {
        var bot = Template()["bots"]![0]!;

        Assert.Equal(TeamsAppPackage.AppIdPlaceholder, bot["botId"]!.GetValue<string>());
        Assert.Equal(new[] { "personal", "team", "groupChat" }, bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.False(bot["supportsFiles"]!.GetValue<bool>());
        Assert.False(bot["isNotificationOnly"]!.GetValue<bool>());

        var lists = bot["commandLists"]!.AsArray();
        Assert.InRange(lists.Count, 1, 3);
        var covered = lists.SelectMany(l => l!["scopes"]!.AsArray().Select(s => s!.GetValue<string>())).ToList();
        Assert.Equal(covered.Distinct().Count(), covered.Count); // each scope in one list only
        Assert.Equal(new[] { "groupChat", "personal", "team" }, covered.OrderBy(s => s, StringComparer.Ordinal));
    }

    [Fact]
    public void Command_lists_stay_within_the_documented_limits_in_both_languages()
    {
        var lists = Template()["bots"]![0]!["commandLists"]!.AsArray();
        var loc = Localization().AsObject();

        for (var li = 0; li < lists.Count; li++)
        {
            var commands = lists[li]!["commands"]!.AsArray();
            Assert.InRange(commands.Count, 1, 10);
            var titles = new List<string>();
            for (var ci = 0; ci < commands.Count; ci++)
            {
                var title = commands[ci]!["title"]!.GetValue<string>();
                var description = commands[ci]!["description"]!.GetValue<string>();
                var enTitle = loc[$"bots[0].commandLists[{li}].commands[{ci}].title"]?.GetValue<string>();
                var enDescription = loc[$"bots[0].commandLists[{li}].commands[{ci}].description"]?.GetValue<string>();
                Assert.NotNull(enTitle);
                Assert.NotNull(enDescription);
                foreach (var t in new[] { title, enTitle! })
                    Assert.InRange(t.Length, 1, 32);
                foreach (var d in new[] { description, enDescription! })
                    Assert.InRange(d.Length, 1, 128);
                titles.Add(title);
            }
            Assert.Equal(titles.Count, titles.Distinct().Count());
        }
    }

    [Fact]
    public void Main_commands_are_offered_in_chinese_and_english()
    {
        var expected = new Dictionary<string, string>
        {
            ["帮助"] = "help",
            ["调解登记"] = "log mediation",
            ["调解列表"] = "mediations",
            ["调解统计"] = "mediation stats",
            ["安排学法"] = "schedule study",
            ["学法安排"] = "study sessions",
            ["逾期任务"] = "overdue",
            ["任务列表"] = "tasks",
            ["更新进度"] = "update task",
        };
        var lists = Template()["bots"]![0]!["commandLists"]!.AsArray();
        var loc = Localization().AsObject();

        for (var li = 0; li < lists.Count; li++)
        {
            var commands = lists[li]!["commands"]!.AsArray();
            var pairs = commands.Select((c, ci) => (c!["title"]!.GetValue<string>(),
                loc[$"bots[0].commandLists[{li}].commands[{ci}].title"]!.GetValue<string>())).ToList();
            foreach (var (zh, en) in expected)
                Assert.Contains((zh, en), pairs);
        }
    }
}
