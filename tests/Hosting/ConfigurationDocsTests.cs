using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace ChatBot.Tests.Hosting;

/// <summary>
/// docs/configuration.md is the one table of every setting. These tests hold it to the code: every bindable property of
/// every options class (a type with a <c>Section</c> or <c>SectionName</c> constant) and every key the bot reads from
/// the environment by itself (constants named <c>…EnvironmentVariable</c>) must have a row, with its environment
/// variable and its default; and every row must name a key that still exists.
/// </summary>
public partial class ConfigurationDocsTests
{
    /// <summary>ASP.NET Core's own keys, set in appsettings.json; no options class of ours binds them.</summary>
    private static readonly string[] HostKeys = ["Urls", "AllowedHosts", "Logging:LogLevel:<category>"];

    private static readonly Assembly BotAssembly = typeof(ChatBot.Bot.Conversation.BotOptions).Assembly;

    private sealed record CodeKey(string Key, Type? Options, PropertyInfo? Property);

    private sealed record DocRow(string Key, string Environment, string Default, int Line);

    [Fact]
    public void The_options_classes_are_found()
    {
        // Guards the discovery itself: if it found nothing, the other tests would pass on an empty list.
        var sections = OptionsClasses().Select(o => o.Section).ToList();
        foreach (var expected in new[] { "Bot", "BotFramework", "DirectLine", "WeCom", "Reminders", "PlanTasks" })
            Assert.Contains(expected, sections);
        Assert.Contains(CodeKeys(), k => k.Key == "Teams:BotDomain");
    }

    [Fact]
    public void Every_setting_in_the_code_has_a_row()
    {
        var rows = DocRows();
        var missing = CodeKeys().Where(k => !rows.Any(r => Matches(r.Key, k.Key))).Select(k => k.Key).ToList();
        Assert.True(missing.Count == 0,
            $"docs/configuration.md has no row for: {string.Join(", ", missing)}. Add one (key, environment variable, default, meaning).");
    }

    [Fact]
    public void Every_row_names_a_setting_that_exists()
    {
        var keys = CodeKeys();
        var stale = DocRows().Where(r => !HostKeys.Contains(r.Key) && !keys.Any(k => Matches(r.Key, k.Key)))
            .Select(r => $"{r.Key} (line {r.Line})").ToList();
        Assert.True(stale.Count == 0, $"docs/configuration.md documents settings the code no longer has: {string.Join(", ", stale)}.");
    }

    [Fact]
    public void Every_row_gives_the_environment_variable_form()
    {
        var wrong = DocRows().Where(r => !HostKeys.Contains(r.Key))
            .Where(r => !r.Environment.StartsWith(r.Key.Replace(":", "__"), StringComparison.Ordinal))
            .Select(r => $"{r.Key}: `{r.Environment}` (line {r.Line})").ToList();
        Assert.True(wrong.Count == 0, $"environment variable column does not match the key: {string.Join("; ", wrong)}.");
    }

    [Fact]
    public void Every_documented_default_is_the_code_default()
    {
        var rows = DocRows();
        var wrong = new List<string>();
        foreach (var key in CodeKeys().Where(k => k.Property is not null))
        {
            if (rows.FirstOrDefault(r => r.Key == key.Key) is not { } row) continue; // reported by the test above
            if (key.Property!.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(key.Property.PropertyType))
                continue; // lists and maps: their defaults are described in words
            var expected = Expected(key.Property.GetValue(Activator.CreateInstance(key.Options!, nonPublic: true)));
            var documented = expected.Length == 0
                ? row.Default.StartsWith("empty", StringComparison.OrdinalIgnoreCase)
                : FirstCode(row.Default) == expected;
            if (!documented) wrong.Add($"{key.Key}: code `{expected}`, docs \"{row.Default}\" (line {row.Line})");
        }
        Assert.True(wrong.Count == 0, $"docs/configuration.md gives other defaults than the code: {string.Join("; ", wrong)}.");
    }

    /// <summary>The default as the table writes it: empty for null or "", else the value in code font.</summary>
    private static string Expected(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A row's key matches a setting exactly, or by a placeholder below it (<c>WeCom:WebhookKeys:&lt;chatid&gt;</c>).</summary>
    private static bool Matches(string documented, string key) =>
        documented == key || documented.StartsWith(key + ":<", StringComparison.Ordinal);

    private static IEnumerable<(Type Type, string Section)> OptionsClasses() =>
        BotAssembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && t.Name.EndsWith("Options", StringComparison.Ordinal))
            .Select(t => (Type: t, Field: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)
                                          ?? t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
            .Where(x => x.Field is { IsLiteral: true } && x.Field.FieldType == typeof(string))
            .Select(x => (x.Type, (string)x.Field!.GetRawConstantValue()!));

    private static List<CodeKey> CodeKeys()
    {
        var keys = new List<CodeKey>();
        foreach (var (type, section) in OptionsClasses())
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                if (p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
                    keys.Add(new CodeKey($"{section}:{p.Name}", type, p));
        // Keys read from the environment directly (the Teams package builder runs before the host and its configuration).
        foreach (var field in BotAssembly.GetTypes().SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)))
            if (field.IsLiteral && field.Name.EndsWith("EnvironmentVariable", StringComparison.Ordinal) && field.GetRawConstantValue() is string env)
            {
                var key = env.Replace("__", ":");
                if (!keys.Any(k => k.Key == key)) keys.Add(new CodeKey(key, null, null));
            }
        return keys;
    }

    private static List<DocRow> DocRows()
    {
        var file = Path.Combine(Teams.TeamsTestPaths.RepoRoot, "docs", "configuration.md");
        Assert.True(File.Exists(file), $"{file} is missing.");
        var rows = new List<DocRow>();
        var lines = File.ReadAllLines(file);
        // Only the table under "## Every setting" (the workspace settings further down are not configuration keys).
        var start = Array.FindIndex(lines, l => l.StartsWith("## Every setting", StringComparison.Ordinal));
        Assert.True(start >= 0, "docs/configuration.md has no \"## Every setting\" section.");
        for (var i = start + 1; i < lines.Length && !lines[i].StartsWith("## ", StringComparison.Ordinal); i++)
        {
            // | `Section:Key` | `Section__Key` | default | meaning |
            var cells = lines[i].Split('|');
            if (cells.Length < 5 || KeyCell().Match(cells[1].Trim()) is not { Success: true } key) continue;
            rows.Add(new DocRow(key.Groups[1].Value, FirstCode(cells[2]) ?? "", cells[3].Trim(), i + 1));
        }
        Assert.NotEmpty(rows);
        var twice = rows.GroupBy(r => r.Key).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"docs/configuration.md documents these keys twice: {string.Join(", ", twice)}.");
        return rows;
    }

    private static string? FirstCode(string cell) => Code().Match(cell) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"^`([A-Za-z][A-Za-z0-9]*(?::[A-Za-z<>][A-Za-z0-9<>]*)*)`$")]
    private static partial Regex KeyCell();

    [GeneratedRegex("`([^`]*)`")]
    private static partial Regex Code();
}
