using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatBot.Tests.WeCom.LongConnection;

/// <summary>
/// Runs tests/WeCom/js/aibot-sdk-peer.js: Tencent's official npm @wecom/aibot-node-sdk connected to a server for a
/// while. Its events come back as JSON lines. Needs node and the repository's node_modules (npm ci); fails otherwise.
/// </summary>
internal sealed class AibotSdkPeer
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private AibotSdkPeer(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public static AibotSdkPeer Start(string url, string botId, string secret, TimeSpan run)
    {
        var root = NodePeer.RepoRoot;
        var sdk = Path.Combine(root, "node_modules", "@wecom", "aibot-node-sdk", "dist");
        Assert.True(Directory.Exists(sdk), $"@wecom/aibot-node-sdk is not installed under {root}: run npm ci there.");
        var start = new ProcessStartInfo(NodePeer.FindNode(),
            [Path.Combine(root, "tests", "WeCom", "js", "aibot-sdk-peer.js"), url, botId, secret, ((int)run.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.Environment["CHATBOT_REPO_ROOT"] = root;
        return new AibotSdkPeer(Process.Start(start) ?? throw new InvalidOperationException("node did not start"));
    }

    /// <summary>Waits for the client to finish its run and returns its events.</summary>
    public async Task<IReadOnlyList<JsonObject>> EventsAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
        Assert.True(_process.ExitCode == 0, "the SDK peer failed: " + await _stderr);
        return (await _stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
    }
}
