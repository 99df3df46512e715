using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatBot.Tests.Infrastructure;

/// <summary>
/// Validates Adaptive Cards with Microsoft's adaptivecards npm parser, in one long-lived node process shared by all
/// tests (starting node per card would be slow).
/// </summary>
public static class CardChecker
{
    private static readonly Lazy<Process> Node = new(Start);
    private static readonly object Gate = new();

    public static IReadOnlyList<string> Errors(string cardJson)
    {
        var compact = JsonNode.Parse(cardJson)!.ToJsonString();
        lock (Gate)
        {
            var node = Node.Value;
            node.StandardInput.WriteLine(compact);
            node.StandardInput.Flush();
            var answer = node.StandardOutput.ReadLine() ?? throw new InvalidOperationException("card checker exited");
            return JsonDocument.Parse(answer).RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        }
    }

    public static void AssertValid(string cardJson)
    {
        var errors = Errors(cardJson);
        if (errors.Count > 0) Assert.Fail($"Adaptive Card rejected by the adaptivecards parser: {string.Join(" | ", errors)}\n{cardJson}");
    }

    private static Process Start()
    {
        var root = RepoPaths.Root;
        var psi = new ProcessStartInfo("node", Path.Combine(root, "tests", "js", "card-check-server.js"))
        {
            WorkingDirectory = root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start node");
        var ready = p.StandardOutput.ReadLine();
        if (ready is null || !ready.Contains("ready")) throw new InvalidOperationException("card checker did not start: " + ready);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { p.Kill(); } catch { } };
        return p;
    }
}

public static class RepoPaths
{
    /// <summary>The folder holding ChatBot.sln (and node_modules).</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ChatBot.sln"))) return dir.FullName;
        throw new InvalidOperationException("ChatBot.sln not found above " + AppContext.BaseDirectory);
    }
}
