using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChatBot.Bot.Channels.Teams;

/// <summary>
/// Builds the Microsoft Teams app package (the zip uploaded to Teams): manifest.json made from
/// <c>manifest/manifest.template.json</c> with its placeholders filled, the two icons and the localization files the
/// manifest lists, all at the root of the zip.
/// </summary>
internal static partial class TeamsAppPackage
{
    public const string TemplateFileName = "manifest.template.json";
    public const string ManifestEntryName = "manifest.json";

    public const string AppIdPlaceholder = "{{APP_ID}}";
    public const string BotDomainPlaceholder = "{{BOT_DOMAIN}}";
    public const string VersionPlaceholder = "{{VERSION}}";

    /// <summary>Fixed entry timestamp, so the same inputs always give the same bytes.</summary>
    private static readonly DateTimeOffset EntryTimestamp = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Builds the app package.
    /// </summary>
    /// <param name="manifestDir">Folder holding manifest.template.json, the icons and the localization files.</param>
    /// <param name="appId">The bot's Microsoft App ID (a GUID); used as both the Teams app id and the bot id.</param>
    /// <param name="botDomain">Host name the bot is served from (e.g. <c>bot.example.gov.cn</c>), no scheme or path.</param>
    /// <param name="version">App version, MAJOR.MINOR.PATCH; raise it for every upload of a changed package.</param>
    /// <returns>The zip file's bytes.</returns>
    /// <exception cref="ArgumentException">appId, botDomain or version is not valid.</exception>
    /// <exception cref="DirectoryNotFoundException">manifestDir does not exist.</exception>
    /// <exception cref="FileNotFoundException">The template, an icon or a localization file is missing.</exception>
    /// <exception cref="InvalidDataException">The template is not valid JSON, references a file outside the zip root
    /// or still contains an unknown placeholder after filling.</exception>
    public static byte[] Build(string manifestDir, string appId, string botDomain, string version)
    {
        var id = NormalizeAppId(appId);
        var domain = NormalizeBotDomain(botDomain);
        var ver = ValidateVersion(version);

        ArgumentException.ThrowIfNullOrWhiteSpace(manifestDir);
        if (!Directory.Exists(manifestDir))
            throw new DirectoryNotFoundException($"Teams manifest folder '{manifestDir}' does not exist.");

        var templatePath = Path.Combine(manifestDir, TemplateFileName);
        if (!File.Exists(templatePath))
            throw new FileNotFoundException($"Teams manifest template '{templatePath}' not found.", templatePath);

        var manifestJson = Fill(File.ReadAllText(templatePath, Encoding.UTF8), id, domain, ver, TemplateFileName);

        // name → content; manifest first, then the files it references, each once
        var entries = new List<(string Name, byte[] Content)> { (ManifestEntryName, Encoding.UTF8.GetBytes(manifestJson)) };
        foreach (var (file, isJson) in ReferencedFiles(manifestJson))
        {
            if (entries.Any(e => string.Equals(e.Name, file, StringComparison.OrdinalIgnoreCase)))
                continue;
            var path = Path.Combine(manifestDir, file);
            if (!File.Exists(path))
                throw new FileNotFoundException($"File '{file}' referenced by the Teams manifest not found in '{manifestDir}'.", path);
            var content = isJson
                ? Encoding.UTF8.GetBytes(Fill(File.ReadAllText(path, Encoding.UTF8), id, domain, ver, file))
                : File.ReadAllBytes(path);
            entries.Add((file, content));
        }

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = EntryTimestamp;
                using var stream = entry.Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>Checks that <paramref name="appId"/> is a non-empty GUID and returns it in canonical lower-case form.</summary>
    /// <exception cref="ArgumentException">Not a GUID in the 8-4-4-4-12 form, or the empty GUID.</exception>
    public static string NormalizeAppId(string appId)
    {
        if (string.IsNullOrWhiteSpace(appId))
            throw new ArgumentException(
                "The bot's Microsoft App ID is required (BotFramework:MicrosoftAppId, a GUID such as 8c1e2f8a-3b5d-4c6e-9f70-1a2b3c4d5e6f).",
                nameof(appId));
        if (!Guid.TryParseExact(appId.Trim(), "D", out var guid) || guid == Guid.Empty)
            throw new ArgumentException(
                $"App id '{appId}' is not a valid Microsoft App ID: expected a non-empty GUID in the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx.",
                nameof(appId));
        return guid.ToString("D");
    }

    /// <summary>Checks that <paramref name="botDomain"/> is a DNS host name and returns it in lower case.</summary>
    /// <exception cref="ArgumentException">Empty, a URL, an IP address, or not a valid host name.</exception>
    public static string NormalizeBotDomain(string botDomain)
    {
        if (string.IsNullOrWhiteSpace(botDomain))
            throw new ArgumentException(
                "The bot's domain is required (Teams:BotDomain, the host name of https://<host>/api/messages, e.g. bot.example.gov.cn).",
                nameof(botDomain));
        var host = botDomain.Trim();
        if (host.Contains("://", StringComparison.Ordinal) || host.Contains('/') || host.Contains(':'))
            throw new ArgumentException(
                $"Bot domain '{botDomain}' must be a bare host name such as bot.example.gov.cn, without scheme, port or path.",
                nameof(botDomain));
        if (!HostNameRegex().IsMatch(host) || Uri.CheckHostName(host) != UriHostNameType.Dns)
            throw new ArgumentException(
                $"Bot domain '{botDomain}' is not a valid DNS host name (letters, digits and hyphens in dot-separated labels; IP addresses are not accepted).",
                nameof(botDomain));
        return host.ToLowerInvariant();
    }

    /// <summary>Checks that <paramref name="version"/> is MAJOR.MINOR.PATCH, as Teams requires.</summary>
    /// <exception cref="ArgumentException">Not of that form.</exception>
    public static string ValidateVersion(string version)
    {
        if (string.IsNullOrWhiteSpace(version) || !VersionRegex().IsMatch(version.Trim()))
            throw new ArgumentException(
                $"App version '{version}' is not valid: Teams requires MAJOR.MINOR.PATCH with numbers only, e.g. 1.0.0.",
                nameof(version));
        return version.Trim();
    }

    private static string Fill(string text, string appId, string botDomain, string version, string fileName)
    {
        var filled = text
            .Replace(AppIdPlaceholder, appId, StringComparison.Ordinal)
            .Replace(BotDomainPlaceholder, botDomain, StringComparison.Ordinal)
            .Replace(VersionPlaceholder, version, StringComparison.Ordinal);
        var leftover = PlaceholderRegex().Match(filled);
        if (leftover.Success)
            throw new InvalidDataException($"{fileName} contains the unknown placeholder {leftover.Value}.");
        try
        {
            using var _ = JsonDocument.Parse(filled);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{fileName} is not valid JSON after filling its placeholders: {e.Message}", e);
        }
        return filled;
    }

    /// <summary>Icons and localization files named in the manifest (as (file name, is JSON)).</summary>
    private static IEnumerable<(string File, bool IsJson)> ReferencedFiles(string manifestJson)
    {
        var files = new List<(string, bool)>();
        using var doc = JsonDocument.Parse(manifestJson);
        var root = doc.RootElement;

        if (!root.TryGetProperty("icons", out var icons) || icons.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException("The Teams manifest has no icons object.");
        foreach (var icon in icons.EnumerateObject())
            if (icon.Value.ValueKind == JsonValueKind.String)
                files.Add((RootFileName(icon.Value.GetString()!, $"icons.{icon.Name}"), false));

        if (root.TryGetProperty("localizationInfo", out var loc) && loc.ValueKind == JsonValueKind.Object)
        {
            if (loc.TryGetProperty("defaultLanguageFile", out var defaultFile) && defaultFile.ValueKind == JsonValueKind.String)
                files.Add((RootFileName(defaultFile.GetString()!, "localizationInfo.defaultLanguageFile"), true));
            if (loc.TryGetProperty("additionalLanguages", out var langs) && langs.ValueKind == JsonValueKind.Array)
                foreach (var lang in langs.EnumerateArray())
                    if (lang.TryGetProperty("file", out var file) && file.ValueKind == JsonValueKind.String)
                        files.Add((RootFileName(file.GetString()!, "localizationInfo.additionalLanguages[].file"), true));
        }
        return files;
    }

    private static string RootFileName(string relative, string property)
    {
        if (string.IsNullOrWhiteSpace(relative) || relative != Path.GetFileName(relative) || relative.Contains('\\')
            || relative is "." or "..")
            throw new InvalidDataException(
                $"Teams manifest {property} = '{relative}' must be a plain file name: the package keeps every file at the zip root.");
        return relative;
    }

    [GeneratedRegex(@"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")]
    private static partial Regex HostNameRegex();

    [GeneratedRegex(@"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")]
    private static partial Regex VersionRegex();

    [GeneratedRegex(@"\{\{[A-Za-z0-9_]+\}\}")]
    private static partial Regex PlaceholderRegex();
}
