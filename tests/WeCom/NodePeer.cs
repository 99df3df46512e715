using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatBot.Tests.WeCom;

/// <summary>
/// Runs tests/WeCom/js/wecom-peer.js, which calls the real npm @wecom/crypto, with a batch of operations.
/// Needs node on PATH and the repository's node_modules (npm ci); fails with a clear message otherwise.
/// </summary>
internal static class NodePeer
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static JsonObject[] Run(params JsonObject[] operations)
    {
        var script = Path.Combine(RepoRoot, "tests", "WeCom", "js", "wecom-peer.js");
        var crypto = Path.Combine(RepoRoot, "node_modules", "@wecom", "crypto");
        Assert.True(Directory.Exists(crypto), $"@wecom/crypto is not installed under {RepoRoot}: run npm ci there.");

        var start = new ProcessStartInfo(FindNode(), [script])
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), // a BOM breaks JSON.parse
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.Environment["CHATBOT_REPO_ROOT"] = RepoRoot;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(new JsonArray(operations.Select(o => (JsonNode)o).ToArray()).ToJsonString());
        process.StandardInput.Close();

        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("node peer did not finish");
        }

        Assert.True(process.ExitCode == 0, $"node peer failed: {stderr.Result}");
        return JsonNode.Parse(stdout.Result)!.AsArray().Select(n => n!.AsObject()).ToArray();
    }

    public static JsonObject RunOne(JsonObject operation) => Run(operation)[0];

    public static string Encrypt(string key, string message, string id, byte[]? random = null)
    {
        var operation = new JsonObject { ["op"] = "encrypt", ["key"] = key, ["message"] = message, ["id"] = id };
        if (random is not null)
        {
            operation["random"] = Convert.ToBase64String(random);
        }

        return Value(RunOne(operation), "encrypt");
    }

    public static (string Message, string Id) Decrypt(string key, string encrypt)
    {
        var result = RunOne(new JsonObject { ["op"] = "decrypt", ["key"] = key, ["encrypt"] = encrypt });
        return (Value(result, "message"), Value(result, "id"));
    }

    public static string Sign(string token, string timestamp, string nonce, string encrypt) =>
        Value(RunOne(new JsonObject
        {
            ["op"] = "sign", ["token"] = token, ["timestamp"] = timestamp, ["nonce"] = nonce, ["encrypt"] = encrypt,
        }), "signature");

    private static string Value(JsonObject result, string name)
    {
        Assert.False(result.ContainsKey("error"), $"node peer error: {result["error"]}");
        return result[name]!.GetValue<string>();
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChatBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No ChatBot.sln above {AppContext.BaseDirectory}");
    }

    internal static string FindNode()
    {
        var names = OperatingSystem.IsWindows() ? new[] { "node.exe" } : ["node"];
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException("node is not on PATH; the WeCom interop tests need it.");
    }
}
