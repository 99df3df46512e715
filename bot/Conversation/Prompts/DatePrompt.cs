namespace ChatBot.Bot.Conversation.Prompts;

/// <summary>
/// A calendar date in the workspace's time zone; the result is "yyyy-MM-dd".
/// Validations: notFuture (bool), notPast (bool).
/// </summary>
internal sealed class DatePrompt(string id, PromptValidator<string>? validator = null) : Prompt<string>(id, validator)
{
    public const string DefaultId = "prompt.date";

    protected override Task<PromptRecognizerResult<string>> RecognizeAsync(TurnContext ctx, string? input, PromptOptions options, CancellationToken ct)
    {
        var text = input ?? "";
        var today = ctx.Today;
        if (!Recognizers.TryParseDate(text, today, out var date))
            return Done(PromptRecognizerResult<string>.Fail(ctx.T("没看懂这个日期,请按 2026-03-05 或 3月5日 的格式输入,也可以说“今天”“昨天”。",
                "I couldn't read that date. Please use 2026-03-05, or say \"today\" / \"yesterday\".")));
        if (options.Validations?["notFuture"]?.GetValue<bool>() == true && date > today)
            return Done(PromptRecognizerResult<string>.Fail(ctx.T($"日期不能晚于今天({ctx.Lang.Date(today)})。", $"The date cannot be after today ({today:yyyy-MM-dd}).")));
        if (options.Validations?["notPast"]?.GetValue<bool>() == true && date < today)
            return Done(PromptRecognizerResult<string>.Fail(ctx.T($"日期不能早于今天({ctx.Lang.Date(today)})。", $"The date cannot be before today ({today:yyyy-MM-dd}).")));
        return Done(new PromptRecognizerResult<string>(true, date.ToString("yyyy-MM-dd")));
    }

    private static Task<PromptRecognizerResult<string>> Done(PromptRecognizerResult<string> r) => Task.FromResult(r);
}
