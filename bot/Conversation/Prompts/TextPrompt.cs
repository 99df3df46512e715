namespace ChatBot.Bot.Conversation.Prompts;

/// <summary>Free text (a typed message, or a card field). Validations: maxLength (default 2000).</summary>
internal sealed class TextPrompt(string id, PromptValidator<string>? validator = null) : Prompt<string>(id, validator)
{
    public const string DefaultId = "prompt.text";

    protected override bool AnswerMayBePersonal => true;

    protected override Task<PromptRecognizerResult<string>> RecognizeAsync(TurnContext ctx, string? input, PromptOptions options, CancellationToken ct)
    {
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text))
            return Task.FromResult(PromptRecognizerResult<string>.Fail(ctx.T("内容不能为空,请输入文字。", "Please type an answer; it cannot be empty.")));
        var max = options.Validations?["maxLength"]?.GetValue<int>() ?? 2000;
        if (text.Length > max)
            return Task.FromResult(PromptRecognizerResult<string>.Fail(ctx.T($"内容太长了(最多 {max} 个字),请精简后再发。", $"That is too long (at most {max} characters). Please shorten it.")));
        return Task.FromResult(new PromptRecognizerResult<string>(true, text));
    }
}
