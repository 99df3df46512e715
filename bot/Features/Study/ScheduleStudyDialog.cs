using System.Text.Json.Nodes;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Bot.Reminders.Calendar;
using ChatBot.Cards.Help;
using ChatBot.Cards.Study;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Study;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.Study;

/// <summary>
/// 安排学法 / schedule study: one form card where the channel can fill forms, else question by question
/// (topic, law, format, when, presenter, place, materials, expected participants, confirm).
/// </summary>
internal sealed class ScheduleStudyDialog : WaterfallDialog
{
    public const string DialogId = "study.schedule";
    public const string RulePromptId = "study.rule";
    public const string LinkPromptId = "study.link";
    public const string PresenterPromptId = "study.presenter";

    private readonly StudyStore _store;
    private readonly WorkingCalendar _calendar;
    private readonly WorkspaceStore _workspaces;
    private readonly int _preMeetingMinutes;

    public ScheduleStudyDialog(StudyStore store, WorkingCalendar calendar, WorkspaceStore workspaces, IOptions<StudyOptions> options) : base(DialogId)
    {
        _store = store;
        _calendar = calendar;
        _workspaces = workspaces;
        _preMeetingMinutes = options.Value.PreMeetingLength;
        AddStep(ShowFormAsync);
        AddStep(FormSubmittedOrAskTitleAsync);
        AddStep(AskLawAsync);
        AddStep(AskFormatAsync);
        AddStep(AskMeetingAsync);
        AddStep(AskRuleAsync);
        AddStep(AskPresenterAsync);
        AddStep(AskLocationAsync);
        AddStep(AskMaterialsAsync);
        AddStep(AskExpectedAsync);
        AddStep(ConfirmAsync);
        AddStep(SaveAsync);
    }

    /// <summary>安排学法 / schedule study: the command that begins this dialog (also the welcome card's button).</summary>
    public static BeginDialogCommand Command() => new(DialogId,
        ["安排学法", "新建学法", "schedule study", "new study session"], ["study.schedule"],
        new CommandHelp("学法", "Law study", "安排学法", "schedule study", "安排一次或每月重复的学法活动(每月一法)", "Schedule a one-off or monthly law-study session", 20));

    /// <summary>The schedule question: a date or a monthly rule that lies ahead.</summary>
    public static TextPrompt RulePrompt() => new(RulePromptId, ValidateRule);

    /// <summary>The materials question: an optional web link.</summary>
    public static TextPrompt LinkPrompt() => new(LinkPromptId, ValidateLink);

    /// <summary>The presenter question: optional, except for 会前学法 where "skip" is asked again.</summary>
    public static TextPrompt PresenterPrompt() => new(PresenterPromptId, ValidatePresenter);

    public static Task<bool> ValidatePresenter(PromptValidatorContext<string> p, CancellationToken ct)
    {
        // An optional question has taken "skip" before this; here it can only be the required one.
        if (!PromptInput.IsSkip(p.Recognized.Value ?? "")) return Task.FromResult(true);
        p.RetryMessage = p.Context.T("会前学法必须有主讲人,请写主讲人姓名或主讲单位。", "A pre-meeting study needs a presenter: please give a name or a unit.");
        return Task.FromResult(false);
    }

    /// <summary>Accepts only schedules that parse and lie ahead; says exactly what is wrong otherwise.</summary>
    public static Task<bool> ValidateRule(PromptValidatorContext<string> p, CancellationToken ct)
    {
        p.RetryMessage = StudySessionDraft.RuleError(p.Context, p.Recognized.Value ?? "", out _);
        return Task.FromResult(p.RetryMessage is null);
    }

    public static Task<bool> ValidateLink(PromptValidatorContext<string> p, CancellationToken ct)
    {
        if (StudyCards.IsWebLink(p.Recognized.Value)) return Task.FromResult(true);
        p.RetryMessage = p.Context.T("链接应以 http:// 或 https:// 开头。", "A link must start with http:// or https://.");
        return Task.FromResult(false);
    }

    private const string PrefillKey = "prefill";

    private static Task<DialogTurnResult> ShowFormAsync(WaterfallStepContext s, CancellationToken ct)
    {
        // "安排学法 每月第一个周五下午3点 学习《民法典》": what follows the command fills the form or answers the questions.
        if (s.Reason == DialogReason.BeginCalled && s.Options is JsonValue typed && typed.TryGetValue<string>(out var text))
            s.Values[PrefillKey] = StudyPrefill.From(text, s.Context.Today);
        if (!s.Context.Capabilities.FormCards) return s.NextAsync(null, ct);
        var again = s.Reason == DialogReason.NextCalled ? s.Result : null;
        var errors = again?["errors"]?.AsArray().Select(e => e!.GetValue<string>()).ToList();
        var card = StudyCards.ScheduleForm(s.Context.Lang, again?["values"] as JsonObject ?? s.Values[PrefillKey] as JsonObject, errors);
        return s.PromptAsync(FormPrompt.DefaultId, new PromptOptions { Card = card.ToJsonObject() }, ct);
    }

    private async Task<DialogTurnResult> FormSubmittedOrAskTitleAsync(WaterfallStepContext s, CancellationToken ct)
    {
        if (FormPrompt.Submitted(s.Result) is { } submitted)
        {
            var (session, errors) = StudySessionDraft.Build(s.Context, submitted, _preMeetingMinutes);
            if (session is null)
            {
                await s.Context.SupersedeClickedCardAsync();
                return await s.GoToAsync(0, new JsonObject { ["errors"] = new JsonArray(errors.Select(e => (JsonNode)JsonValue.Create(e)!).ToArray()), ["values"] = submitted.DeepClone() }, ct);
            }
            await SaveAndReplyAsync(s.Context, session);
            // The filled-in form becomes a receipt, so it cannot be submitted twice.
            await s.Context.CloseClickedCardAsync(StudyCards.FormReceipt(s.Context.Lang, session));
            return await s.EndDialogAsync(ct: ct);
        }
        if (FormPrompt.TypedText(s.Result) is { Length: > 0 } typed)
        {
            // The typed message is the first answer, not a request to start over: it fills what it names.
            var prefill = s.Values[PrefillKey] as JsonObject ?? new JsonObject();
            foreach (var (key, value) in StudyPrefill.From(typed, s.Context.Today)) prefill[key] = value?.DeepClone();
            s.Values[PrefillKey] = prefill;
            await s.Context.SendTextAsync(s.T("好的,我们一步一步来。", "All right, let's go step by step."));
        }
        return await s.PromptAsync(TextPrompt.DefaultId, new PromptOptions
        {
            Prompt = s.T("学法活动的主题是什么?(例如:每月一法——学习民法典)", "What is the session's topic? (e.g. Law of the month: the Civil Code)"),
            Validations = new JsonObject { ["maxLength"] = StudySessionDraft.MaxTitle },
            Answer = StudyPrefill.Value(s.Values[PrefillKey], "title"),
        }, ct);
    }

    private static Task<DialogTurnResult> AskLawAsync(WaterfallStepContext s, CancellationToken ct)
    {
        s.Values["title"] = s.Result?.DeepClone();
        return s.PromptAsync(TextPrompt.DefaultId, new PromptOptions
        {
            Prompt = s.T("学习哪部法律法规?(例如:宪法、民法典、行政复议法、信访工作条例)", "Which law is studied? (e.g. Constitution, Civil Code, Administrative Reconsideration Law)"),
            Validations = new JsonObject { ["maxLength"] = StudySessionDraft.MaxTitle },
            Answer = StudyPrefill.Value(s.Values[PrefillKey], "law"),
        }, ct);
    }

    private static Task<DialogTurnResult> AskFormatAsync(WaterfallStepContext s, CancellationToken ct)
    {
        s.Values["law"] = s.Result?.DeepClone();
        return s.PromptAsync(ChoicePrompt.DefaultId, new PromptOptions
        {
            Prompt = s.T("学法形式?", "Which format?"),
            Choices = StudyText.Formats.Select(f => new PromptChoice(f.Format.ToString(), s.T(f.Zh, f.En), f.Zh, f.En)).ToList(),
        }, ct);
    }

    /// <summary>会前学法 only: which meeting it comes before.</summary>
    private static Task<DialogTurnResult> AskMeetingAsync(WaterfallStepContext s, CancellationToken ct)
    {
        s.Values["format"] = s.Result?.DeepClone();
        if (StudyText.ParseFormat(s.Result is JsonValue v && v.TryGetValue<string>(out var f) ? f : null) != StudyFormat.PreMeeting) return s.NextAsync(null, ct);
        return s.PromptAsync(TextPrompt.DefaultId, new PromptOptions
        {
            Prompt = s.T("在哪个会议之前学?(例如:党委会、镇长办公会、常务会)", "Before which meeting? (e.g. Party committee, mayor's office meeting)"),
            Validations = new JsonObject { ["maxLength"] = 50 },
        }, ct);
    }

    private static Task<DialogTurnResult> AskRuleAsync(WaterfallStepContext s, CancellationToken ct)
    {
        s.Values["meeting"] = s.Result?.DeepClone();
        return s.PromptAsync(RulePromptId, new PromptOptions
        {
            Prompt = s.T("什么时间?每月重复可写“每月第一个周五 15:00”“每月最后一个周四 14:30”“每月15日 09:30”;单次写“4月3日 15:00”。可加结束时间,如“15:00-16:30”(默认90分钟)。",
                "When? Monthly: \"first Friday of every month 15:00\", \"last Thursday of every month at 2:30pm\", \"15th of every month 09:30\"; once: \"2026-04-03 15:00\". Add an end time like \"15:00-16:30\" (default 90 minutes)."),
            Answer = StudyPrefill.Value(s.Values[PrefillKey], "rule"),
        }, ct);
    }

    private static Task<DialogTurnResult> AskPresenterAsync(WaterfallStepContext s, CancellationToken ct)
    {
        s.Values["rule"] = s.Result?.DeepClone();
        var required = StudyText.ParseFormat(s.Values["format"] is JsonValue v && v.TryGetValue<string>(out var f) ? f : null) == StudyFormat.PreMeeting;
        return s.PromptAsync(PresenterPromptId, new PromptOptions
        {
            Prompt = required ? s.T("主讲人是谁?(会前学法必须有主讲人)", "Who presents? (a pre-meeting study needs one)") : s.T("主讲人是谁?", "Who presents?"),
            Optional = !required, Validations = new JsonObject { ["maxLength"] = 50 },
        }, ct);
    }

    private static Task<DialogTurnResult> AskLocationAsync(WaterfallStepContext s, CancellationToken ct)
    {
        s.Values["presenter"] = s.Result?.DeepClone();
        return s.PromptAsync(TextPrompt.DefaultId, new PromptOptions { Prompt = s.T("地点或会议链接?", "Where, or which meeting link?"), Optional = true, Validations = new JsonObject { ["maxLength"] = 300 } }, ct);
    }

    private static Task<DialogTurnResult> AskMaterialsAsync(WaterfallStepContext s, CancellationToken ct)
    {
        s.Values["location"] = s.Result?.DeepClone();
        return s.PromptAsync(LinkPromptId, new PromptOptions { Prompt = s.T("学习资料链接?", "A link to the materials?"), Optional = true }, ct);
    }

    private static Task<DialogTurnResult> AskExpectedAsync(WaterfallStepContext s, CancellationToken ct)
    {
        s.Values["materials"] = s.Result?.DeepClone();
        return s.PromptAsync(TextPrompt.DefaultId, new PromptOptions
        {
            Prompt = s.T("应参学人员有哪些?(姓名用逗号或顿号分隔,用于计算出勤率)", "Who is expected to attend? (names separated by commas; used for the attendance rate)"),
            Optional = true,
        }, ct);
    }

    private async Task<DialogTurnResult> ConfirmAsync(WaterfallStepContext s, CancellationToken ct)
    {
        s.Values["expected"] = s.Result?.DeepClone();
        var (session, errors) = StudySessionDraft.Build(s.Context, s.Values, _preMeetingMinutes);
        if (session is null)
        {
            await s.Context.SendTextAsync(string.Join("\n", errors) + "\n" + s.T("没有保存,请重新“安排学法”。", "Nothing was saved; please \"schedule study\" again."));
            return await s.EndDialogAsync(ct: ct);
        }
        var lang = s.Context.Lang;
        return await s.PromptAsync(ConfirmPrompt.DefaultId, new PromptOptions
        {
            Prompt = s.T("请确认:", "Please confirm:"),
            Facts =
            [
                new(s.T("主题", "Topic"), session.Title),
                new(s.T("学习内容", "Law"), session.Law),
                new(s.T("形式", "Format"), StudyText.FormatOf(lang, session)),
                new(s.T("时间", "When"), StudyText.Rule(lang, session.Rule)),
                new(s.T("主讲人", "Presenter"), session.Presenter ?? "—"),
                new(s.T("地点/链接", "Place / link"), session.Location ?? "—"),
                new(s.T("学习资料", "Materials"), session.MaterialsUrl ?? "—"),
                new(s.T("应参学人员", "Expected"), session.ExpectedParticipants.Count == 0 ? "—" : string.Join("、", session.ExpectedParticipants)),
            ],
            Question = s.T("保存吗?", "Save it?"),
        }, ct);
    }

    private async Task<DialogTurnResult> SaveAsync(WaterfallStepContext s, CancellationToken ct)
    {
        if (s.Result?.GetValue<bool>() != true)
        {
            await s.Context.SendTextAsync(s.T("好的,没有保存。", "OK, nothing was saved."));
            return await s.EndDialogAsync(ct: ct);
        }
        // Built again from the stored answers: a one-off time may have passed while the user was confirming.
        var (session, errors) = StudySessionDraft.Build(s.Context, s.Values, _preMeetingMinutes);
        if (session is null) await s.Context.SendTextAsync(string.Join("\n", errors) + "\n" + s.T("没有保存,请重新“安排学法”。", "Nothing was saved; please \"schedule study\" again."));
        else await SaveAndReplyAsync(s.Context, session);
        return await s.EndDialogAsync(ct: ct);
    }

    private async Task SaveAndReplyAsync(TurnContext ctx, StudySession session)
    {
        session.PresenterUserKey = PresenterKey(ctx, session.Presenter);
        _store.Create(session, new AuditEntry
        {
            Action = "study.schedule", UserKey = ctx.UserKey, UserName = ctx.UserName, AtUtc = ctx.Now,
            Details = $"{session.Title} | {session.Law} | {session.Format} | {session.RuleText}{(session.Meeting is { } m ? " | " + m : "")}",
        });
        var coming = StudySchedule.Between(session, ctx.Now, ctx.Now.AddYears(1), ctx.TimeZone).Where(o => !o.Cancelled).ToList();
        var next = coming.Take(3).ToList();
        var lang = ctx.Lang;
        // A monthly rule lands on a holiday now and then (the official calendar, 调休 included); say so now rather than on
        // the day nobody comes.
        var holidays = coming.Select(o => (Occurrence: o, Holiday: _calendar.Holiday(o.Date))).Where(x => x.Holiday is not null).Select(x => ctx.T(
            $"⚠️ {StudyText.When(lang, x.Occurrence)} 是{x.Holiday!.NameZh}(法定节假日)。需要时可改期:“调整学法 {session.Id} {x.Occurrence.Date:yyyy-MM-dd} 新日期 时间”。",
            $"⚠️ {StudyText.When(lang, x.Occurrence)} is {x.Holiday!.NameEn} (a public holiday). To move it: \"move study {session.Id} {x.Occurrence.Date:yyyy-MM-dd} <new date> <time>\".")).ToList();
        if (ctx.Capabilities.AdaptiveCards)
        {
            await ctx.SendCardAsync(StudyCards.Saved(lang, session, next, holidays), ctx.T($"已安排学法活动 #{session.Id}。", $"Study session #{session.Id} scheduled."));
            return;
        }
        var lines = new List<string>
        {
            ctx.T($"已安排学法活动 #{session.Id}:{session.Title}({StudyText.Rule(lang, session.Rule)})", $"Study session #{session.Id} scheduled: {session.Title} ({StudyText.Rule(lang, session.Rule)})"),
        };
        if (next.Count > 0) lines.Add(ctx.T("接下来:", "Next:") + string.Join(ctx.T(";", "; "), next.Select(o => StudyText.When(lang, o))));
        lines.AddRange(holidays);
        lines.Add(ctx.T("输入“学法安排”查看,开始前我会在群里提醒。", "Type \"study sessions\" to see them; I'll remind the group before each one."));
        await ctx.SendTextAsync(string.Join("\n", lines));
    }

    /// <summary>The member the presenter is: an @mention of them in this message, else a member of exactly that name.</summary>
    private string? PresenterKey(TurnContext ctx, string? presenter)
    {
        if (presenter is null) return null;
        var name = presenter.Replace("<at>", "").Replace("</at>", "").Trim('@', ' ');
        foreach (var e in ctx.Activity.Entities ?? [])
            if (string.Equals(e.Type, "mention", StringComparison.OrdinalIgnoreCase) && e.Mentioned?.Id is { Length: > 0 } id && id != ctx.Activity.Recipient?.Id && e.Mentioned.Name == name)
                return $"{ctx.Activity.ChannelId}:{id}";
        return _workspaces.MembersOf(ctx.Workspace.Id).FirstOrDefault(m => m.Name == name)?.UserKey;
    }
}
