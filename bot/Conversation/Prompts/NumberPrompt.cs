namespace ChatBot.Bot.Conversation.Prompts;

/// <summary>A number (digits, full-width digits, 万, or Chinese numerals). Validations: min, max, integer.</summary>
internal sealed class NumberPrompt(string id, PromptValidator<double>? validator = null) : Prompt<double>(id, validator)
{
    public const string DefaultId = "prompt.number";

    protected override Task<PromptRecognizerResult<double>> RecognizeAsync(TurnContext ctx, string? input, PromptOptions options, CancellationToken ct)
    {
        var text = input ?? "";
        if (!Recognizers.TryParseNumber(text, out var n))
        {
            // A count of people is asked as a whole number: "1.5万" is an example only where fractions make sense.
            var whole = options.Validations?["integer"]?.GetValue<bool>() == true;
            return Done(PromptRecognizerResult<double>.Fail(whole
                ? ctx.T("请输入一个整数,例如 3。", "Please enter a whole number, e.g. 3.")
                : ctx.T("请输入一个数字,例如 3 或 1.5万。", "Please enter a number, e.g. 3 or 2500.")));
        }
        var v = options.Validations;
        if (v?["integer"]?.GetValue<bool>() == true && n != Math.Floor(n))
            return Done(PromptRecognizerResult<double>.Fail(ctx.T("请输入整数。", "Please enter a whole number.")));
        if (v?["min"]?.GetValue<double>() is { } min && n < min)
            return Done(PromptRecognizerResult<double>.Fail(ctx.T($"数字不能小于 {min}。", $"The number cannot be less than {min}.")));
        if (v?["max"]?.GetValue<double>() is { } max && n > max)
            return Done(PromptRecognizerResult<double>.Fail(ctx.T($"数字不能大于 {max}。", $"The number cannot be more than {max}.")));
        return Done(new PromptRecognizerResult<double>(true, n));
    }

    private static Task<PromptRecognizerResult<double>> Done(PromptRecognizerResult<double> r) => Task.FromResult(r);
}
