using Microsoft.Extensions.FileProviders;

namespace ChatBot.Bot.Channels.DirectLine;

/// <summary>
/// Serves the built-in Web Chat page at / and the npm bundles it loads (/lib/webchat.js, /lib/adaptivecards.js; /lib/echarts.js for the public board).
/// The folders are found by walking up from the content root and from the app's base directory, because the content
/// root differs between `dotnet run --project bot` (the current directory), the test host (the project folder) and
/// a published copy (the publish folder, with wwwroot beside the dll).
/// </summary>
internal static class WebChatPage
{
    private static readonly Dictionary<string, string> Bundles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["webchat.js"] = "botframework-webchat/dist/webchat.js",
        ["adaptivecards.js"] = "adaptivecards/dist/adaptivecards.min.js",
        ["echarts.js"] = "echarts/dist/echarts.min.js", // the public board's charts (bot/Features/Board)
    };

    private const string MissingBundle =
        "The Web Chat bundle was not found. Install the npm packages once: run `npm ci` in the repository root (Node.js needed), then reload.\n" +
        "未找到 Web Chat 脚本。请在仓库根目录运行一次 `npm ci`(需要 Node.js),然后刷新页面。";

    public static void Map(WebApplication app)
    {
        var env = app.Environment;
        var webRoot = FindUp(env, dir => Path.Combine(dir, "wwwroot", "index.html"), dir => Path.Combine(dir, "bot", "wwwroot", "index.html"));
        if (webRoot is not null)
        {
            var pageFolder = Path.GetDirectoryName(webRoot)!;
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(pageFolder) });
            app.MapGet("/", (HttpContext http) =>
            {
                http.Response.Headers.CacheControl = "no-cache";
                return Results.File(webRoot, "text/html; charset=utf-8");
            });
        }
        else
        {
            app.Logger.LogWarning("bot/wwwroot/index.html was not found; the Web Chat page at / is not served.");
            app.MapGet("/", () => Results.Text("The Web Chat page (bot/wwwroot/index.html) was not found next to the bot.", "text/plain; charset=utf-8", statusCode: 404));
        }

        PhysicalFileProvider? nodeModules = null;
        app.MapGet("/lib/{file}", (string file, HttpContext http) =>
        {
            if (!Bundles.TryGetValue(file, out var relative)) return Results.Text("No such file.", "text/plain; charset=utf-8", statusCode: 404);
            nodeModules ??= FindNodeModules(env);
            var info = nodeModules?.GetFileInfo(relative);
            if (info is not { Exists: true, PhysicalPath: not null }) return Results.Text(MissingBundle, "text/plain; charset=utf-8", statusCode: 404);
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.File(info.PhysicalPath, "text/javascript; charset=utf-8", lastModified: info.LastModified, enableRangeProcessing: true);
        });
    }

    /// <summary>The repository's node_modules holding the Web Chat bundle, or null before `npm ci`.</summary>
    public static PhysicalFileProvider? FindNodeModules(IWebHostEnvironment env)
    {
        var bundle = FindUp(env, dir => Path.Combine(dir, "node_modules", "botframework-webchat", "dist", "webchat.js"));
        return bundle is null ? null : new PhysicalFileProvider(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(bundle)!, "..", "..")));
    }

    /// <summary>The first existing candidate file in the content root, the base directory, or a folder above them.</summary>
    private static string? FindUp(IWebHostEnvironment env, params Func<string, string>[] candidates)
    {
        if (env.WebRootPath is { Length: > 0 } webRootPath && candidates.Length > 1 && File.Exists(Path.Combine(webRootPath, "index.html")))
            return Path.Combine(webRootPath, "index.html");
        foreach (var start in new[] { env.ContentRootPath, AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                foreach (var candidate in candidates)
                    if (File.Exists(candidate(dir.FullName))) return candidate(dir.FullName);
        return null;
    }
}
