using System.Text;
using System.Text.Json.Nodes;

namespace ChatBot.Bot.Conversation.Dialogs;

/// <summary>
/// What the user had entered in a dialog that an update ended, said back to them so they need not remember it:
/// the answers to its prompts as typed, or, for state saved before answers were kept, the values the dialog collected.
/// </summary>
internal static class DialogAnswers
{
    private static readonly char[] LabelEnds = ['?', '?', '(', '(', '\n', ':', ':'];

    /// <summary>"受理日期?(如 2026-03-05…)" → "受理日期"; "Date received? (e.g. …)" → "Date received".</summary>
    public static string Label(string? question)
    {
        if (string.IsNullOrWhiteSpace(question)) return "";
        var q = question.Trim();
        var end = q.IndexOfAny(LabelEnds);
        var label = (end > 0 ? q[..end] : q).Trim().TrimEnd('。', '.', ',', ',');
        return label.Length > 40 ? label[..40] + "…" : label;
    }

    /// <summary>
    /// The lines of "· question: answer" for the instances on the stack, oldest first. In a group chat free-text answers
    /// (which may name the parties) are not repeated, and values without questions are not listed at all.
    /// </summary>
    public static List<string> Lines(TurnContext ctx, IEnumerable<DialogInstance> stack)
    {
        var instances = stack.ToList();
        var answers = instances.SelectMany(i => i.Answers ?? []).ToList();
        if (answers.Count > 0)
            return answers.Select(a => $"· {a.Question}{ctx.T(":", ": ")}"
                + (a.MayBePersonal && ctx.IsGroup ? ctx.T("(群聊中不显示)", "(not shown in a group chat)") : a.Text)).ToList();
        if (ctx.IsGroup) return [];
        var values = new List<string>();
        foreach (var instance in instances)
            if (instance.State["values"] is JsonObject collected) Collect(collected, values);
        return values.Select(v => "· " + v).ToList();
    }

    /// <summary>The leaf values a waterfall collected (strings and numbers; ids, flags and empty ones left out).</summary>
    private static void Collect(JsonNode? node, List<string> into, string? key = null)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o) Collect(v, into, k);
                break;
            case JsonArray a:
                var items = a.OfType<JsonValue>().Select(Text).Where(t => t.Length > 0).ToList();
                if (items.Count > 0) into.Add(string.Join("、", items));
                break;
            case JsonValue v when key is null || !key.EndsWith("Id", StringComparison.Ordinal):
                var text = Text(v);
                if (text.Length > 0) into.Add(text);
                break;
        }
    }

    private static string Text(JsonValue v) =>
        v.TryGetValue<string>(out var s) ? s.Trim() : v.TryGetValue<double>(out var d) ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";

    /// <summary>The message that ends an outdated dialog: what to type to start again, and what was entered so far.</summary>
    public static string Notice(TurnContext ctx, IEnumerable<DialogInstance> stack, (string Zh, string En)? name)
    {
        var text = new StringBuilder(name is { } n
            ? ctx.T($"系统已更新,请重新开始“{n.Zh}”。", $"The bot was updated; please start “{n.En}” again.")
            : ctx.T("系统已更新,刚才未完成的操作已结束,请重新开始。", "The bot was updated and the unfinished step was closed; please start it again."));
        var lines = Lines(ctx, stack);
        if (lines.Count > 0)
        {
            text.Append('\n').Append(ctx.T("您刚才已填写(重新开始时可参考):", "What you had entered (for when you start again):"));
            foreach (var line in lines) text.Append('\n').Append(line);
        }
        return text.ToString();
    }
}
