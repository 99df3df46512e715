using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Cards.Help;
using ChatBot.Cards.Mediation;
using ChatBot.Storage.Mediation;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>
/// 矛盾纠纷排查 / screening: where forms can be filled in, the screening card is shown and this dialog waits (its submit
/// is <see cref="ScreeningFormSubmitCommand"/>); a typed answer, or a channel without cards, asks the village and then
/// the disputes found (one a line, "类型 简要情况") or 零报告. A date or village typed after the command fills them in.
/// </summary>
internal sealed partial class RecordScreeningDialog : WaterfallDialog
{
    public const string DialogId = "mediation.screening";
    public const string DisputesPromptId = "mediation.screening.disputes";
    private const string FormKey = "form";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ScreeningReplies _replies;

    public RecordScreeningDialog(ScreeningReplies replies) : base(DialogId)
    {
        _replies = replies;
        AddStep(ShowFormAsync);
        AddStep(AskVillageAsync);
        AddStep(AskDisputesAsync);
        AddStep(SaveAsync);
    }

    public static BeginDialogCommand Command() => new(DialogId,
        ["矛盾纠纷排查", "纠纷排查", "排查登记", "record screening", "screening"], [DialogId],
        new CommandHelp("人民调解", "Mediation", "矛盾纠纷排查 [村名]", "screening [village]", "记录一次矛盾纠纷排查:发现的纠纷(可一键转为案件)或零报告", "Record a dispute screening: the disputes found (each can become a case) or a zero report", 29));

    /// <summary>The disputes question of the typed form: "零报告", or one dispute a line as "类型 简要情况".</summary>
    public static TextPrompt DisputesPrompt() => new(DisputesPromptId, ValidateDisputes);

    public static JsonObject ReshowOptions(ScreeningFormValues values, IReadOnlyDictionary<string, string> errors) => new()
    {
        [FormKey] = JsonSerializer.SerializeToNode(values, Json),
        ["errors"] = JsonSerializer.SerializeToNode(errors, Json),
    };

    public static string NewFormId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(9)).ToLowerInvariant();

    private static ScreeningFormValues Form(WaterfallStepContext s) => s.Values[FormKey]?.Deserialize<ScreeningFormValues>(Json) ?? new ScreeningFormValues();

    private static void Update(WaterfallStepContext s, Action<ScreeningFormValues> change)
    {
        var form = Form(s);
        change(form);
        s.Values[FormKey] = JsonSerializer.SerializeToNode(form, Json);
    }

    private static string? ResultText(WaterfallStepContext s) => s.Result is JsonValue v && v.TryGetValue<string>(out var t) ? t : null;

    private async Task<DialogTurnResult> ShowFormAsync(WaterfallStepContext s, CancellationToken ct)
    {
        var ctx = s.Context;
        var options = s.Options as JsonObject;
        var form = options?[FormKey]?.Deserialize<ScreeningFormValues>(Json) ?? new ScreeningFormValues { ScreenedBy = NullIfBlank(ctx.UserName) };
        if (string.IsNullOrWhiteSpace(form.FormId)) form.FormId = NewFormId();
        if (s.Options is JsonValue typed && typed.TryGetValue<string>(out var text)) Prefill(form, text, ctx.Today);
        s.Values[FormKey] = JsonSerializer.SerializeToNode(form, Json);
        if (!ctx.Capabilities.FormCards) return await s.NextAsync(null, ct);
        var errors = options?["errors"]?.Deserialize<Dictionary<string, string>>(Json);
        var card = ScreeningFormCard.Build(ctx.Lang, form, ctx.Today, _replies.Villages(ctx.Workspace), errors);
        await ctx.SendCardAsync(card, errors is { Count: > 0 } ? ctx.T("请修改后重新提交:", "Please correct the form and submit again:") : null);
        return DialogTurnResult.Waiting;
    }

    /// <summary>
    /// The form of a screening this dialog is waiting on, taken off the stack (with anything above it): "零报告" typed
    /// as the answer is a command word, and it answers this dialog. Null when none waits.
    /// </summary>
    public static ScreeningFormValues? TakeWaiting(DialogContext dc)
    {
        var index = dc.Stack.FindIndex(d => d.Id == DialogId);
        if (index < 0) return null;
        var form = dc.Stack[index].State["values"]?[FormKey]?.Deserialize<ScreeningFormValues>(Json);
        dc.Stack.RemoveRange(index, dc.Stack.Count - index);
        return form;
    }

    /// <summary>"12月1日 东岭村": a date is the screening date, the rest is the village.</summary>
    public static void Prefill(ScreeningFormValues form, string text, DateOnly today, bool village = false)
    {
        var rest = new List<string>();
        foreach (var token in Recognizers.ToHalfWidth(text ?? "").Split([' ', ',', ',', '、'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (form.Date is null && Recognizers.TryParseDate(token, today, out var date)) form.Date = date.ToString("yyyy-MM-dd");
            else rest.Add(token);
        }
        if (rest.Count > 0 && (form.Village is null || village)) form.Village = string.Join(" ", rest);
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static async Task<DialogTurnResult> AskVillageAsync(WaterfallStepContext s, CancellationToken ct)
    {
        if (s.Reason == DialogReason.ContinueCalled && ResultText(s) is { } typed)
        {
            Update(s, f => Prefill(f, typed, s.Context.Today));
            await s.Context.SendTextAsync(s.T("好的,改为逐项填写(随时可回复“取消”)。", "OK, let's fill it in step by step (reply \"cancel\" at any time)."));
        }
        return await s.PromptAsync(TextPrompt.DefaultId, new PromptOptions
        {
            Prompt = s.T("排查的村(社区)?", "Which village or community was screened?"),
            Validations = new JsonObject { ["maxLength"] = MediationRules.MaxVillageLength },
            Answer = Form(s).Village,
        }, ct);
    }

    private static Task<DialogTurnResult> AskDisputesAsync(WaterfallStepContext s, CancellationToken ct)
    {
        Update(s, f => f.Village = ResultText(s)?.Trim());
        return s.PromptAsync(DisputesPromptId, new PromptOptions
        {
            Prompt = s.T("发现的矛盾纠纷?每件一行(或用“;”分隔),写“类型 简要情况”,如“邻里 两户因排水沟堵塞争吵”(不写当事人姓名)。没有发现请回复“零报告”。",
                "Disputes found? One a line (or separated by \";\"), as \"type what it is about\", e.g. \"neighbour two households argue over a ditch\" (no names). If none, reply \"zero report\"."),
        }, ct);
    }

    private async Task<DialogTurnResult> SaveAsync(WaterfallStepContext s, CancellationToken ct)
    {
        var ctx = s.Context;
        var form = Form(s);
        form.Date ??= ctx.Today.ToString("yyyy-MM-dd");
        var answer = ResultText(s) ?? "";
        if (IsZeroReport(answer)) form.ZeroReport = true;
        else
        {
            var disputes = ParseDisputes(answer);
            form.DisputeTypes = disputes.Select(d => (string?)d.Type?.ToString()).ToList();
            form.DisputeDescriptions = disputes.Select(d => (string?)d.Text).ToList();
        }
        var validation = ScreeningValidator.Validate(ctx.Lang, form, ctx.Today);
        if (!validation.IsValid)
        {
            await ctx.SendTextAsync(ctx.T("排查记录有误,未保存:", "The screening was not saved; please check:") + "\n" + string.Join("\n", validation.Errors.Values.Select(e => "· " + e)));
            return await s.EndDialogAsync(null, ct);
        }
        await _replies.SaveAndReplyAsync(ctx, validation.Round!, form.FormId, fromCard: false);
        return await s.EndDialogAsync(null, ct);
    }

    public static bool IsZeroReport(string text) =>
        Recognizers.ToHalfWidth(text).Trim().ToLowerInvariant() is "零报告" or "无" or "没有" or "没有发现" or "zero report" or "zero" or "none";

    /// <summary>"邻里 两户争吵;土地纠纷:界址不清" → (type, text) per line; the type is null where the first word is not one.</summary>
    public static List<(DisputeType? Type, string Text)> ParseDisputes(string text) =>
        LineSeparator().Split(Recognizers.ToHalfWidth(text)).Select(l => l.Trim()).Where(l => l.Length > 0).Select(line =>
        {
            var m = TypeAndText().Match(line);
            var word = m.Groups["type"].Value;
            if (word.EndsWith("纠纷", StringComparison.Ordinal) && word.Length > 2 && !MediationLabels.TryParse<DisputeType>(word, out _)) word = word[..^2];
            if (MediationLabels.TryParse<DisputeType>(word, out var type)) return ((DisputeType?)type, m.Groups["text"].Value.Trim());
            // "邻里两户争吵": a Chinese type written straight before the text.
            var prefix = MediationLabels.Options<DisputeType>().SelectMany(o => o.Synonyms.Append(o.Zh).Select(w => (o.Value, Word: w)))
                .Where(p => p.Word.Length >= 2 && !p.Word.All(char.IsAscii) && line.StartsWith(p.Word, StringComparison.Ordinal))
                .OrderByDescending(p => p.Word.Length).FirstOrDefault();
            return prefix.Word is { } w ? (Enum.Parse<DisputeType>(prefix.Value), line[w.Length..].Trim(' ', ':', ':')) : (null, line);
        }).ToList();

    public static Task<bool> ValidateDisputes(PromptValidatorContext<string> pc, CancellationToken ct)
    {
        var lang = pc.Context.Lang;
        var text = pc.Recognized.Value ?? "";
        if (IsZeroReport(text)) return Task.FromResult(true);
        var disputes = ParseDisputes(text);
        string? problem = null;
        if (disputes.Count == 0) problem = lang.T("请写发现的纠纷,或回复“零报告”。", "Write the disputes found, or reply \"zero report\".");
        else if (disputes.Count > 20) problem = lang.T("一次最多记录 20 件纠纷。", "At most 20 disputes at a time.");
        else if (disputes.FindIndex(d => d.Type is null) is var bad and >= 0)
            problem = lang.T($"第 {bad + 1} 件没看懂纠纷类型。每行以类型开头,可选:{string.Join("、", MediationLabels.Options<DisputeType>().Select(o => o.Zh))}。",
                $"Dispute {bad + 1}: I couldn't read the type. Start each line with one of: {string.Join(", ", MediationLabels.Options<DisputeType>().Select(o => o.En))}.");
        else if (disputes.FindIndex(d => d.Text.Length == 0) is var empty and >= 0)
            problem = lang.T($"第 {empty + 1} 件请在类型后写简要情况。", $"Dispute {empty + 1}: add what it is about after the type.");
        else if (disputes.FindIndex(d => d.Text.Length > ScreeningFormCard.MaxDescriptionLength) is var tooLong and >= 0)
            problem = lang.T($"第 {tooLong + 1} 件的说明最多 {ScreeningFormCard.MaxDescriptionLength} 个字。", $"Dispute {tooLong + 1}: at most {ScreeningFormCard.MaxDescriptionLength} characters.");
        if (problem is not null) pc.RetryMessage = problem;
        return Task.FromResult(problem is null);
    }

    [GeneratedRegex(@"[\n;;]+")]
    private static partial Regex LineSeparator();

    [GeneratedRegex(@"^(?<type>[^\s::]+)[\s::]*(?<text>.*)$")]
    private static partial Regex TypeAndText();
}
