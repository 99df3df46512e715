using System.Text.Json.Nodes;
using ChatBot.Cards.AdaptiveCards;

namespace ChatBot.Bot.Conversation.Prompts;

/// <summary>Yes or no; the result is true or false.</summary>
internal sealed class ConfirmPrompt(string id) : Prompt<bool>(id)
{
    public const string DefaultId = "prompt.confirm";

    /// <summary>A yes to "save this?" is not something to fill in again.</summary>
    protected override string? AnswerText(bool value, string? input, PromptOptions options) => null;

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
