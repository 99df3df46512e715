using System.Text.Json.Nodes;
using ChatBot.Cards.AdaptiveCards;

namespace ChatBot.Cards.Help;

/// <summary>"您是不是要:调解登记?" with one button per likely command; a click runs the corrected message.</summary>
public static class SuggestionCard
{
    /// <summary>The verb of a suggestion button; its data carries the corrected message as "text".</summary>
    public const string Verb = "command.suggested";

    public static string Question(Lang lang, IReadOnlyList<string> commands) => lang.T(
        $"您是不是要:{string.Join("、", commands.Select(c => $"“{c}”"))}?",
        $"Did you mean: {string.Join(", ", commands.Select(c => $"\"{c}\""))}?");

    /// <param name="suggestions">The command word shown, and the whole message to run.</param>
    public static AdaptiveCard Build(Lang lang, IReadOnlyList<(string Command, string Message)> suggestions)
    {
        var card = new AdaptiveCard().Add(new TextBlock(Question(lang, suggestions.Select(s => s.Command).ToList())) { Weight = "Bolder" });
        card.Add(new TextBlock(lang.T("点一下即可执行;也可以输入“帮助”查看全部命令。", "Tap one to run it, or type \"help\" for all commands.")) { IsSubtle = true });
        foreach (var (command, message) in suggestions)
            card.AddAction(new SubmitAction { Title = command, Data = new JsonObject { ["verb"] = Verb, ["text"] = message } });
        return card;
    }
}
