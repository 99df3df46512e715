using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatBot.Tests.Infrastructure;

/// <summary>
/// Checks Adaptive Cards the way Web Chat shows them (tests/js/card-check-server.js): Microsoft's adaptivecards package
/// parses, validates and renders each card in jsdom with Web Chat's host config and markdown renderer; any parse
/// warning, validation event, render error or warning, or text lost in rendering is an error. One long-lived node
/// process is shared by all tests (starting node per card would be slow), and a card already checked is not sent again.
/// </summary>
public static class CardChecker
{
    private static readonly Lazy<Process> Node = new(Start);
    private static readonly object Gate = new();
    private static readonly Dictionary<string, IReadOnlyList<string>> Checked = new();

    public static IReadOnlyList<string> Errors(string cardJson)
    {
        var compact = JsonNode.Parse(cardJson)!.ToJsonString();
        lock (Gate)
        {
            if (Checked.TryGetValue(compact, out var known)) return known;
            var node = Node.Value;
            node.StandardInput.WriteLine(compact);
            node.StandardInput.Flush();
            var answer = node.StandardOutput.ReadLine() ?? throw new InvalidOperationException("card checker exited");
            var errors = JsonDocument.Parse(answer).RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
            if (Checked.Count < 50_000) Checked[compact] = errors;
            return errors;
        }
    }

    public static void AssertValid(string cardJson)
    {
        var errors = Errors(cardJson);
        if (errors.Count > 0) Assert.Fail($"Adaptive Card fails in the Web Chat renderer (adaptivecards): {string.Join(" | ", errors)}\n{cardJson}");
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
        // Loading Web Chat's bundle may print; the first line that says ready is the checker's.
        string? ready;
        do ready = p.StandardOutput.ReadLine();
        while (ready is not null && !ready.Contains("\"ready\""));
        if (ready is null) throw new InvalidOperationException("card checker did not start (node or node_modules missing?)");
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
