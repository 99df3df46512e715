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
/// 调解登记 / log mediation. Where forms can be filled in, the registration card is shown and this dialog waits: the
/// card's submit is handled by <see cref="MediationFormSubmitCommand"/>; a typed answer instead switches to asking
/// step by step (also the only way on channels without cards). The text path ends with a summary to confirm.
/// </summary>
internal sealed partial class LogMediationDialog : WaterfallDialog
{
    public const string DialogId = "mediation.log";
    public const string PartiesPromptId = "mediation.parties";
    private const string FormKey = "form";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly MediationReplies _replies;

    public LogMediationDialog(MediationReplies replies) : base(DialogId)
    {
        _replies = replies;
        AddStep(ShowFormAsync);
        AddStep(AskDateAsync);
        AddStep(AskSourceAsync);
        AddStep(AskTypeAsync);
        AddStep(AskVillageAsync);
        AddStep(AskPartiesAsync);
        AddStep(AskPeopleAsync);
        AddStep(AskAmountAsync);
        AddStep(AskSummaryAsync);
        AddStep(AskMediatorsAsync);
        AddStep(AskStatusAsync);
        AddStep(AskAgreementFormAsync);
        AddStep(AskTermsAsync);
        AddStep(AskDeadlineAsync);
        AddStep(AskFlagsAsync);
        AddStep(ConfirmAsync);
        AddStep(SaveAsync);
    }

    /// <summary>调解登记 / log mediation: the command that begins this dialog (also the welcome card's button).</summary>
    public static BeginDialogCommand Command() => new(DialogId,
        ["调解登记", "登记调解", "log mediation", "new mediation"], ["mediation.log"],
        new CommandHelp("人民调解", "Mediation", "调解登记", "log mediation", "登记一起人民调解案件", "Log a people's mediation case", 20));

    /// <summary>The parties question of the step-by-step path: names, each with an optional phone.</summary>
    public static TextPrompt PartiesPrompt() => new(PartiesPromptId, ValidateParties);

    /// <summary>Options to re-show the form with the values entered and the problems found.</summary>
    public static JsonObject ReshowOptions(MediationFormValues values, IReadOnlyDictionary<string, string> errors) => new()
    {
        ["mode"] = "form",
        [FormKey] = JsonSerializer.SerializeToNode(values, Json),
        ["errors"] = JsonSerializer.SerializeToNode(errors, Json),
    };

    public static string NewFormId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();

    private static MediationFormValues Form(WaterfallStepContext s) =>
        s.Values[FormKey]?.Deserialize<MediationFormValues>(Json) ?? new MediationFormValues();

    private static void Save(WaterfallStepContext s, MediationFormValues form) => s.Values[FormKey] = JsonSerializer.SerializeToNode(form, Json);

    private static void Update(WaterfallStepContext s, Action<MediationFormValues> change)
    {
        var form = Form(s);
        change(form);
        Save(s, form);
    }

    private static string? ResultText(WaterfallStepContext s) => s.Result is JsonValue v && v.TryGetValue<string>(out var t) ? t : null;

    private async Task<DialogTurnResult> ShowFormAsync(WaterfallStepContext s, CancellationToken ct)
    {
        var ctx = s.Context;
        var options = s.Options as JsonObject;
        var form = options?[FormKey]?.Deserialize<MediationFormValues>(Json) ?? new MediationFormValues { Mediators = NullIfBlank(ctx.UserName) };
        if (string.IsNullOrWhiteSpace(form.FormId)) form.FormId = NewFormId();
        // "调解登记 11月20日 邻里纠纷 …": what was typed after the command fills the form (or answers the questions).
        if (s.Options is JsonValue typed && typed.TryGetValue<string>(out var text)) MediationPrefill.Apply(form, text, ctx.Today, restIsSummary: true);
        Save(s, form);
        var errors = options?["errors"]?.Deserialize<Dictionary<string, string>>(Json);
        if (!ctx.Capabilities.FormCards || options?["mode"]?.GetValue<string>() == "text") return await s.NextAsync(null, ct);

        var shown = form;
        if (errors is { Count: > 0 } && _replies.MaskPersonalData(ctx))
        {
            // A re-shown card is visible to the whole group: do not echo the parties' names and phones into it.
            shown = JsonSerializer.Deserialize<MediationFormValues>(JsonSerializer.Serialize(form, Json), Json)!;
            shown.ClearParties();
        }
        var card = MediationFormCard.Build(ctx.Lang, shown, ctx.Today, errors);
        await ctx.SendCardAsync(card, errors is { Count: > 0 } ? ctx.T("请修改后重新提交:", "Please correct the form and submit again:") : null);
        return DialogTurnResult.Waiting;
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static async Task<DialogTurnResult> AskDateAsync(WaterfallStepContext s, CancellationToken ct)
    {
        // Reached by a typed answer while the form card waited, or directly where forms cannot be shown. The typed
        // answer is kept: it answers 受理日期 (and whatever else it names) instead of being asked for again.
        if (s.Reason == DialogReason.ContinueCalled && ResultText(s) is { } typed)
            Update(s, f => MediationPrefill.Apply(f, typed, s.Context.Today, restIsSummary: false));
        var intro = s.Reason == DialogReason.ContinueCalled
            ? s.T("好的,我们改为一项一项填写(随时可回复“取消”)。", "OK, let's fill it in step by step (reply \"cancel\" at any time).")
            : s.T("登记一起人民调解案件,请逐项回答(随时可回复“取消”)。", "Let's log a mediation case; please answer each question (reply \"cancel\" at any time).");
        if (s.Context.IsGroup)
            intro += s.T("\n提示:在群里回答时,当事人姓名和电话群成员都能看到,建议在与我的私聊中登记。",
                "\nNote: in a group everyone sees the names and phones you type; logging in a personal chat with me is safer.");
        await s.Context.SendTextAsync(intro);
        return await s.PromptAsync(DatePrompt.DefaultId, new PromptOptions
        {
            Prompt = s.T("受理日期?(如 2026-03-05、3月5日、今天)", "Date received? (e.g. 2026-03-05, today)"),
            Validations = new JsonObject { ["notFuture"] = true },
            Answer = Form(s).ReceivedOn,
        }, ct);
    }

    private static Task<DialogTurnResult> AskSourceAsync(WaterfallStepContext s, CancellationToken ct)
    {
        Update(s, f => f.ReceivedOn = ResultText(s));
        return s.PromptAsync(ChoicePrompt.DefaultId, Choices<MediationSource>(s, s.T("纠纷来源?", "Where did the case come from?"), Form(s).Source), ct);
    }

    private static Task<DialogTurnResult> AskTypeAsync(WaterfallStepContext s, CancellationToken ct)
    {
        Update(s, f => f.Source = ResultText(s));
        return s.PromptAsync(ChoicePrompt.DefaultId, Choices<DisputeType>(s, s.T("纠纷类型?", "Type of dispute?"), Form(s).DisputeType), ct);
    }

    private static Task<DialogTurnResult> AskVillageAsync(WaterfallStepContext s, CancellationToken ct)
    {
        Update(s, f => f.DisputeType = ResultText(s));
        return s.PromptAsync(TextPrompt.DefaultId, new PromptOptions
        {
            Prompt = s.T("所在村(社区)?", "Which village or community?"),
            Validations = new JsonObject { ["maxLength"] = MediationRules.MaxVillageLength },
            Answer = Form(s).Village,
        }, ct);
    }

    private static Task<DialogTurnResult> AskPartiesAsync(WaterfallStepContext s, CancellationToken ct)
    {
        Update(s, f => f.Village = ResultText(s));
        return s.PromptAsync(PartiesPromptId, new PromptOptions
        {
            Prompt = s.T("当事人姓名,可加性别、年龄或出生年份、电话、住址(住…);单位请写“法定代表人某某”。多人用“、”分隔。例如:张三 男 45岁 13812345678 住东岭村3组、东岭建材有限公司 法定代表人王五",
                "The parties' names, optionally with sex, age or year of birth, phone and address (address: …); for an organisation add \"representative NAME\". Separate parties with commas. E.g.: Zhang San male 45 13812345678 address: Dongling 3, Dongling Building Ltd representative Wang Wu"),
        }, ct);
    }

    private static Task<DialogTurnResult> AskPeopleAsync(WaterfallStepContext s, CancellationToken ct)
    {
        var parties = ParseParties(ResultText(s) ?? "", s.Context.Today.Year);
        Update(s, f =>
        {
            f.PartyNames = parties.Select(p => (string?)p.Name).ToArray();
            f.PartyPhones = parties.Select(p => p.Phone).ToArray();
            f.PartyKinds = parties.Select(p => (string?)p.Kind.ToString()).ToArray();
            f.PartySexes = parties.Select(p => p.Sex?.ToString()).ToArray();
            f.PartyBirths = parties.Select(p => p.BirthYear?.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            f.PartyAddresses = parties.Select(p => p.Address).ToArray();
            f.PartyRepresentatives = parties.Select(p => p.Representative).ToArray();
        });
        return s.PromptAsync(NumberPrompt.DefaultId, new PromptOptions
        {
            Prompt = s.T("涉及人数?", "How many people are involved?"),
            Validations = new JsonObject { ["min"] = 1, ["integer"] = true, ["max"] = MediationRules.MaxPeople },
        }, ct);
    }

    private static Task<DialogTurnResult> AskAmountAsync(WaterfallStepContext s, CancellationToken ct)
    {
        Update(s, f => f.People = NumberText(s.Result));
        return s.PromptAsync(NumberPrompt.DefaultId, new PromptOptions
        {
            Prompt = s.T("涉及金额(元)?", "Amount involved (yuan)?"), // Optional adds "(可回复“跳过”)"
            Validations = new JsonObject { ["min"] = 0 },
            Optional = true,
        }, ct);
    }

    private static Task<DialogTurnResult> AskSummaryAsync(WaterfallStepContext s, CancellationToken ct)
    {
        Update(s, f => f.Amount = NumberText(s.Result));
        return s.PromptAsync(TextPrompt.DefaultId, new PromptOptions
        {
            Prompt = s.T("简要情况?(纠纷经过和诉求,一两句话即可)", "Summary? (what happened and what the parties want, a sentence or two)"),
            Validations = new JsonObject { ["maxLength"] = MediationRules.MaxSummaryLength },
            Answer = Form(s).Summary,
        }, ct);
    }

    private static Task<DialogTurnResult> AskMediatorsAsync(WaterfallStepContext s, CancellationToken ct)
    {
        Update(s, f => f.Summary = ResultText(s));
        return s.PromptAsync(TextPrompt.DefaultId, new PromptOptions
        {
            Prompt = s.T("调解员?多人用“、”分隔;回复“我”表示您本人。", "Mediator(s)? Separate names with commas; reply \"me\" for yourself."),
            Validations = new JsonObject { ["maxLength"] = 200 },
        }, ct);
    }

    private static Task<DialogTurnResult> AskStatusAsync(WaterfallStepContext s, CancellationToken ct)
    {
        var text = ResultText(s)?.Trim();
        var self = text is "我" or "本人" || string.Equals(text, "me", StringComparison.OrdinalIgnoreCase);
        Update(s, f => f.Mediators = self && s.Context.UserName.Length > 0 ? s.Context.UserName : text);
        return s.PromptAsync(ChoicePrompt.DefaultId, Choices<MediationStatus>(s, s.T("目前的调解状态?", "Current status?")), ct);
    }

    private static Task<DialogTurnResult> AskAgreementFormAsync(WaterfallStepContext s, CancellationToken ct)
    {
        var status = ResultText(s);
        Update(s, f => f.Status = status);
        if (status != nameof(MediationStatus.Succeeded)) return s.NextAsync(null, ct);
        return s.PromptAsync(ChoicePrompt.DefaultId, Choices<AgreementForm>(s, s.T("协议形式?", "Form of the agreement?")), ct);
    }

    private static bool Settled(WaterfallStepContext s) => Form(s).Status == nameof(MediationStatus.Succeeded);

    private static Task<DialogTurnResult> AskTermsAsync(WaterfallStepContext s, CancellationToken ct)
    {
        Update(s, f => f.AgreementForm = ResultText(s));
        if (!Settled(s)) return s.NextAsync(null, ct);
        return s.PromptAsync(TextPrompt.DefaultId, new PromptOptions
        {
            Prompt = Form(s).AgreementForm == nameof(AgreementForm.Oral)
                ? s.T("口头协议的内容?(依法须记录,如:李四于3月20日前赔偿张三800元)", "What was agreed orally? (it must be recorded, e.g. Li Si pays Zhang San 800 yuan by 20 March)")
                : s.T("协议内容?(各方的权利义务,如:李四于3月20日前赔偿张三800元)", "The agreed terms? (what each side will do, e.g. Li Si pays Zhang San 800 yuan by 20 March)"),
            Validations = new JsonObject { ["maxLength"] = MediationRules.MaxTermsLength },
        }, ct);
    }

    private static Task<DialogTurnResult> AskDeadlineAsync(WaterfallStepContext s, CancellationToken ct)
    {
        if (!Settled(s)) return s.NextAsync(null, ct);
        Update(s, f => f.Closing.AgreementTerms = ResultText(s));
        return s.PromptAsync(DatePrompt.DefaultId, new PromptOptions
        {
            Prompt = s.T("履行期限?(如 2026-03-20;当场履行的回复“今天”)", "Performance deadline? (e.g. 2026-03-20; \"today\" if performed on the spot)"),
        }, ct);
    }

    private static Task<DialogTurnResult> AskFlagsAsync(WaterfallStepContext s, CancellationToken ct)
    {
        if (Settled(s)) Update(s, f => f.Closing.PerformanceDeadline = ResultText(s));
        return s.PromptAsync(ChoicePrompt.DefaultId, new PromptOptions
        {
            Prompt = s.T("是否重大疑难或群体性纠纷?", "Is it a major/difficult or a group dispute?"),
            Choices =
            [
                new("none", s.T("都不是", "Neither"), "否", "无", "no", "neither", "none"),
                new("major", s.T("重大疑难", "Major/difficult"), "重大", "major"),
                new("collective", s.T("群体性", "Group dispute"), "群体", "group"),
                new("both", s.T("两者都是", "Both"), "都是", "both"),
            ],
        }, ct);
    }

    private async Task<DialogTurnResult> ConfirmAsync(WaterfallStepContext s, CancellationToken ct)
    {
        var flags = ResultText(s);
        Update(s, f => { f.Major = flags is "major" or "both"; f.Collective = flags is "collective" or "both"; });
        var ctx = s.Context;
        var validation = MediationValidator.Validate(ctx.Lang, Form(s), ctx.Today);
        if (!validation.IsValid)
        {
            await ctx.SendTextAsync(ctx.T("登记内容有误,未保存:", "The case was not saved; please check:") + "\n" + string.Join("\n", validation.Errors.Values.Select(e => "· " + e)));
            return await s.EndDialogAsync(null, ct);
        }
        var preview = validation.Case!;
        preview.CaseNo = ctx.T("(保存后生成)", "(assigned on saving)");
        var facts = MediationCaseCards.Facts(ctx.Lang, preview, _replies.MaskPersonalData(ctx)).Facts;
        return await s.PromptAsync(ConfirmPrompt.DefaultId, new PromptOptions
        {
            Prompt = ctx.T("请核对:", "Please check:"),
            Facts = facts.Select(f => new PromptFact(f.Title, f.Value)).ToList(),
            Question = ctx.T("确认保存吗?", "Save this case?"),
        }, ct);
    }

    private async Task<DialogTurnResult> SaveAsync(WaterfallStepContext s, CancellationToken ct)
    {
        var ctx = s.Context;
        if (s.Result?.GetValue<bool>() != true)
        {
            await ctx.SendTextAsync(ctx.T("已取消,未保存。需要时再输入“调解登记”。", "Cancelled; nothing was saved. Type \"log mediation\" to start again."));
            return await s.EndDialogAsync(null, ct);
        }
        var form = Form(s);
        var validation = MediationValidator.Validate(ctx.Lang, form, ctx.Today);
        if (!validation.IsValid)
        {
            await ctx.SendTextAsync(ctx.T("登记内容有误,未保存:", "The case was not saved; please check:") + "\n" + string.Join("\n", validation.Errors.Values.Select(e => "· " + e)));
            return await s.EndDialogAsync(null, ct);
        }
        await _replies.SaveAndReplyAsync(ctx, validation.Case!, form.FormId, fromCard: false);
        return await s.EndDialogAsync(null, ct);
    }

    private static PromptOptions Choices<T>(WaterfallStepContext s, string prompt, string? answer = null) where T : struct, Enum => new()
    {
        Prompt = prompt,
        Answer = answer,
        Choices = MediationLabels.Options<T>()
            .Select(o => new PromptChoice(o.Value, s.Context.Lang.IsZh ? o.Zh : o.En, [.. o.Synonyms, o.Zh, o.En])).ToList(),
    };

    private static string? NumberText(JsonNode? result) =>
        result is JsonValue v && v.TryGetValue<double>(out var d) ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>"张三 男 45岁 13812345678 住东岭村、李四" → the parties (see <see cref="PartyDetails"/>).</summary>
    public static List<MediationParty> ParseParties(string text, int year) =>
        PartySeparator().Split(Recognizers.ToHalfWidth(text)).Select(e => e.Trim()).Where(e => e.Length > 0)
            .Select(e => PartyDetails.Parse(e, year)).ToList();

    /// <summary>Validates the parties answer with the form's rules: at least one name, names not too long, phones well-formed.</summary>
    public static Task<bool> ValidateParties(PromptValidatorContext<string> pc, CancellationToken ct)
    {
        var parties = ParseParties(pc.Recognized.Value ?? "", pc.Context.Today.Year);
        pc.RetryMessage = MediationValidator.PartiesProblem(pc.Context.Lang, parties);
        return Task.FromResult(pc.RetryMessage is null);
    }

    [GeneratedRegex(@"[、,,;;\n]+")]
    private static partial Regex PartySeparator();

}
