using ChatBot.Bot.Channels.BotFramework.Schema;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.PlanTasks.Import;

/// <summary>
/// Reads a plan file sent as a message attachment: Teams file downloads (downloadUrl), https contentUrls, and data:
/// URLs (Web Chat uploads). blob: URLs live only in the sender's browser and cannot be fetched by the bot.
/// Plain http is refused (a contentUrl is user input: no fetching of internal addresses over plain http).
/// </summary>
internal sealed class PlanFileLoader(IHttpClientFactory http, IOptions<PlanTaskOptions> options)
{
    public const string HttpClientName = "plantasks.files";
    private const string TeamsFileDownload = "application/vnd.microsoft.teams.file.download.info";

    public sealed record LoadedFile(string Name, byte[] Bytes, bool IsExcel);

    public sealed class LoadException(string zh, string en) : Exception(en)
    {
        public string Zh { get; } = zh;
        public string En { get; } = en;
    }

    public static Attachment? FindPlanFile(IEnumerable<Attachment>? attachments) =>
        attachments?.FirstOrDefault(a => a.ContentType != Attachment.AdaptiveCardContentType && (IsCsv(a) || IsExcel(a)));

    public static bool HasFile(IEnumerable<Attachment>? attachments) =>
        attachments?.Any(a => a.ContentType != Attachment.AdaptiveCardContentType && !a.ContentType.StartsWith("text/html")) == true;

    public async Task<LoadedFile> LoadAsync(Attachment a, CancellationToken ct)
    {
        var url = a.ContentUrl;
        if (a.ContentType == TeamsFileDownload && a.Content is System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Object } c
            && c.TryGetProperty("downloadUrl", out var d))
            url = d.ValueKind == System.Text.Json.JsonValueKind.String ? d.GetString() : null;
        if (string.IsNullOrEmpty(url)) throw new LoadException("附件没有下载地址。", "The attachment has no download address.");
        var max = options.Value.MaxImportBytes;
        byte[] bytes;
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            var comma = url.IndexOf(',');
            if (comma < 0) throw new LoadException("附件格式有误。", "The attachment is malformed.");
            var meta = url[5..comma];
            try
            {
                bytes = meta.EndsWith(";base64", StringComparison.OrdinalIgnoreCase)
                    ? Convert.FromBase64String(url[(comma + 1)..])
                    : System.Text.Encoding.UTF8.GetBytes(Uri.UnescapeDataString(url[(comma + 1)..]));
            }
            catch (FormatException) { throw new LoadException("附件内容无法解码。", "The attachment could not be decoded."); }
        }
        else if (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            using var response = await http.CreateClient(HttpClientName).GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
                throw new LoadException($"下载文件失败(HTTP {(int)response.StatusCode})。", $"Downloading the file failed (HTTP {(int)response.StatusCode}).");
            if (response.Content.Headers.ContentLength > max) throw TooLarge(max);
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int n;
            while ((n = await stream.ReadAsync(chunk, ct)) > 0)
            {
                buffer.Write(chunk, 0, n);
                if (buffer.Length > max) throw TooLarge(max);
            }
            bytes = buffer.ToArray();
        }
        else if (url.StartsWith("blob:", StringComparison.OrdinalIgnoreCase))
            throw new LoadException("这个文件只在您的浏览器里,机器人读取不到。请把内容复制粘贴到聊天中,或在 Teams 中发送文件。",
                "That file exists only in your browser and the bot cannot read it. Paste the text into the chat, or send the file in Teams.");
        else throw new LoadException("只支持 https 地址的文件。", "Only files with an https address can be read.");
        if (bytes.Length > max) throw TooLarge(max);
        return new LoadedFile(a.Name ?? "plan", bytes, IsExcel(a) || LooksLikeZip(bytes));
    }

    private static LoadException TooLarge(int max) =>
        new($"文件太大(上限 {max / 1024 / 1024} MB)。", $"The file is too large (limit {max / 1024 / 1024} MB).");

    private static bool LooksLikeZip(byte[] b) => b.Length > 4 && b[0] == 'P' && b[1] == 'K';

    private static bool IsCsv(Attachment a) =>
        (a.Name?.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ?? false) || a.ContentType is "text/csv" or "application/csv"
        || (a.ContentType == TeamsFileDownload && FileType(a) == "csv");

    private static bool IsExcel(Attachment a) =>
        (a.Name?.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ?? false)
        || a.ContentType == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        || (a.ContentType == TeamsFileDownload && FileType(a) == "xlsx");

    private static string? FileType(Attachment a) =>
        a.Content is System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Object } c && c.TryGetProperty("fileType", out var t)
            && t.ValueKind == System.Text.Json.JsonValueKind.String ? t.GetString()?.ToLowerInvariant() : null;
}
