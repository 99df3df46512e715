using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Cards.AdaptiveCards;

namespace ChatBot.Bot.Conversation.Prompts;

/// <summary>
/// One of a list of choices: as buttons on a card where the channel shows cards, else as a numbered list. The user may
/// answer with the number, the title, the value or a synonym. The result is the choice's value.
/// </summary>
internal class ChoicePrompt(string id, PromptValidator<string>? validator = null) : Prompt<string>(id, validator)
{
    public const string DefaultId = "prompt.choice";
    /// <summary>More choices than this are shown as a drop-down rather than buttons.</summary>
    private const int MaxButtons = 6;

    protected override Task<PromptRecognizerResult<string>> RecognizeAsync(TurnContext ctx, string? input, PromptOptions options, CancellationToken ct)
    {
        var choices = options.Choices ?? [];
        var text = Recognizers.ToHalfWidth(input ?? "").Trim();
        var match = Match(choices, text);
        return Task.FromResult(match is null
            ? PromptRecognizerResult<string>.Fail(ctx.T("请从选项中选择一项(可回复序号)。", "Please pick one of the options (you can reply with its number)."))
            : new PromptRecognizerResult<string>(true, match.Value));
    }

    internal static PromptChoice? Match(IReadOnlyList<PromptChoice> choices, string text)
    {
        if (text.Length == 0) return null;
        if (int.TryParse(text.TrimEnd('.', '、'), out var n) && n >= 1 && n <= choices.Count) return choices[n - 1];
        bool Same(string a) => string.Equals(a, text, StringComparison.OrdinalIgnoreCase);
        return choices.FirstOrDefault(c => Same(c.Value) || Same(c.Title) || (c.Synonyms?.Any(Same) ?? false))
            // "我选邻里纠纷" still picks 邻里 when exactly one title is contained in the answer.
            ?? (choices.Where(c => text.Contains(c.Title, StringComparison.OrdinalIgnoreCase)).ToList() is [var only] ? only : null);
    }

    protected override async Task OnPromptAsync(TurnContext ctx, PromptOptions options, string? retry, CancellationToken ct)
    {
        var choices = options.Choices ?? [];
        if (ctx.Capabilities.AdaptiveCards && options.Card is null)
        {
            if (retry is not null) await ctx.SendTextAsync(retry);
            await ctx.SendCardAsync(BuildCard(ctx, options.Prompt ?? "", choices, options.Optional));
            return;
        }
        if (options.Card is not null) { await base.OnPromptAsync(ctx, options, retry, ct); return; }
        var sb = new StringBuilder();
        if (retry is not null) sb.Append(retry).Append("\n\n");
        sb.Append(options.Prompt);
        for (var i = 0; i < choices.Count; i++) sb.Append('\n').Append(i + 1).Append(". ").Append(choices[i].Title);
        if (options.Optional) sb.Append('\n').Append(ctx.T("(可回复“跳过”)", "(or reply \"skip\")"));
        await ctx.SendTextAsync(sb.ToString());
    }

    private static AdaptiveCard BuildCard(TurnContext ctx, string question, List<PromptChoice> choices, bool optional)
    {
        var card = new AdaptiveCard();
        if (choices.Count <= MaxButtons)
        {
            card.Add(new TextBlock(question) { Weight = "Bolder" });
            foreach (var c in choices)
                card.AddAction(new SubmitAction { Title = c.Title, Data = new JsonObject { ["choice"] = c.Value } });
        }
        else
        {
            // The question is the drop-down's label: Web Chat refuses (shows an empty bubble for) a required input
            // without one. Nothing is preselected, so a clerk who just clicks 确定 is asked to choose, not given the first.
            card.Add(new ChoiceSetInput
            {
                Id = "choice", Style = "compact", IsRequired = true, Label = question,
                Placeholder = ctx.T("请选择…", "Choose…"),
                ErrorMessage = ctx.T("请选择一项", "Please choose one"),
                Choices = choices.Select(c => new Choice(c.Title, c.Value)).ToList(),
            });
            card.AddAction(new SubmitAction { Title = ctx.T("确定", "OK") });
        }
        if (optional) card.AddAction(new SubmitAction { Title = ctx.T("跳过", "Skip"), Data = new JsonObject { ["choice"] = "skip" }, AssociatedInputs = "none" });
        return card;
    }
}

/// <summary>Yes or no; the result is true or false.</summary>
internal sealed class ConfirmPrompt(string id) : Prompt<bool>(id)
{
    public const string DefaultId = "prompt.confirm";

    private static readonly HashSet<string> Yes = new(StringComparer.OrdinalIgnoreCase) { "是", "是的", "好", "好的", "对", "确认", "确定", "可以", "行", "嗯", "保存", "提交", "y", "yes", "ok", "sure", "confirm", "save", "true", "1" };
    private static readonly HashSet<string> No = new(StringComparer.OrdinalIgnoreCase) { "否", "不", "不是", "不要", "不用", "不对", "n", "no", "nope", "false", "2" };

    protected override Task<PromptRecognizerResult<bool>> RecognizeAsync(TurnContext ctx, string? input, PromptOptions options, CancellationToken ct)
    {
        var text = Recognizers.ToHalfWidth(input ?? "").Trim().TrimEnd('!', '。', '.');
        if (Yes.Contains(text)) return Task.FromResult(new PromptRecognizerResult<bool>(true, true));
        if (No.Contains(text)) return Task.FromResult(new PromptRecognizerResult<bool>(true, false));
        return Task.FromResult(PromptRecognizerResult<bool>.Fail(ctx.T("请回复“是”或“否”。", "Please answer \"yes\" or \"no\".")));
    }

    protected override async Task OnPromptAsync(TurnContext ctx, PromptOptions options, string? retry, CancellationToken ct)
    {
        if (!ctx.Capabilities.AdaptiveCards || options.Card is not null)
        {
            await base.OnPromptAsync(ctx, options, retry, ct);
            return;
        }
        if (retry is not null) await ctx.SendTextAsync(retry);
        var card = new AdaptiveCard().Add(new TextBlock(options.Prompt ?? "") { Weight = "Bolder" });
        if (options.Facts is { Count: > 0 } facts)
        {
            var table = new FactSet();
            foreach (var f in facts) table.Add(f.Title, f.Value);
            card.Add(table);
        }
        if (!string.IsNullOrEmpty(options.Question)) card.Add(new TextBlock(options.Question) { Weight = "Bolder" });
        card.AddAction(new SubmitAction { Title = ctx.T("是", "Yes"), Data = new JsonObject { ["choice"] = "yes" }, Style = "positive" });
        card.AddAction(new SubmitAction { Title = ctx.T("否", "No"), Data = new JsonObject { ["choice"] = "no" } });
        await ctx.SendCardAsync(card);
    }
}
