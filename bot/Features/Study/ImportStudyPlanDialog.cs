using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Bot.Features.PlanTasks.Import;
using ChatBot.Bot.Features.Study.Plan;
using ChatBot.Bot.Reminders.Calendar;
using ChatBot.Cards.Help;
using ChatBot.Cards.Study;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Study;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.Study;

/// <summary>
/// 导入学法计划 / import study plan: the year's plan pasted as a table or sent as .xlsx/.csv (read as 导入计划 reads
/// files), a preview of what was understood and what was not, and on 确认 the sessions saved in one transaction.
/// A re-import of the same year's plan updates the sessions with the same month and topic (<see cref="StudyPlanRow.Key"/>).
/// </summary>
internal sealed class ImportStudyPlanDialog : WaterfallDialog
{
    public const string DialogId = "study.importPlan";
    private static readonly string[] Aliases = ["导入学法计划", "导入年度学法计划", "import study plan"];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly StudyStore _store;
    private readonly WorkspaceStore _workspaces;
    private readonly PlanFileLoader _files;
    private readonly WorkingCalendar _calendar;
    private readonly IOptions<StudyOptions> _options;

    public ImportStudyPlanDialog(StudyStore store, WorkspaceStore workspaces, PlanFileLoader files, WorkingCalendar calendar, IOptions<StudyOptions> options) : base(DialogId)
    {
        _store = store;
        _workspaces = workspaces;
        _files = files;
        _calendar = calendar;
        _options = options;
        AddStep(AskForPlanAsync);
        AddStep(PreviewAsync);
        AddStep(SaveAsync);
    }

    public static BeginDialogCommand Command() => new(DialogId, Aliases, ["study.importPlan"],
        new CommandHelp("学法", "Law study", "导入学法计划", "import study plan", "导入年度学法计划(粘贴表格或 Excel/CSV 文件),预览后确认", "Import the year's study plan (pasted table or Excel/CSV), preview, then confirm", 19));

    private static async Task<DialogTurnResult> AskForPlanAsync(WaterfallStepContext s, CancellationToken ct)
    {
        var ctx = s.Context;
        var first = s.Values["asked"] is null;
        s.Values["asked"] = true;
        if (first && (PlanFileLoader.HasFile(ctx.Activity.Attachments) || PastedText.AfterCommand(PastedText.Of(ctx), Aliases).Length > 0))
            return await s.NextAsync(null, ct);
        await ctx.SendTextAsync(ctx.T(
            "请粘贴学法计划表(每月一行,列:月份、主题、法律法规、形式、主讲人、参学人员,可加日期时间、时长、会议;列之间用 Tab、| 或逗号分隔,第一行可写表头),或发送 .xlsx / .csv 文件。输入“取消”放弃。",
            "Paste the study plan table (one row a month; columns: month, topic, law, format, presenter, participants, optionally date/time, length, meeting; separated by Tab, | or commas, a header row is welcome), or send an .xlsx / .csv file. Type \"cancel\" to stop."));
        return DialogTurnResult.Waiting;
    }

    private async Task<DialogTurnResult> PreviewAsync(WaterfallStepContext s, CancellationToken ct)
    {
        var ctx = s.Context;
        StudyPlanImport plan;
        try { plan = await ParseAsync(ctx, ct); }
        catch (PlanFileLoader.LoadException ex)
        {
            await ctx.SendTextAsync(ctx.T(ex.Zh, ex.En));
            return await s.GoToAsync(0, null, ct);
        }
        if (plan.Rows.Count == 0)
        {
            var problems = plan.Problems.Count == 0 ? "" : "\n\n" + string.Join("\n", plan.Problems.Take(12).Select(p => p.In(ctx.Lang)));
            await ctx.SendTextAsync(ctx.T("没有识别出任何学法场次,未保存任何内容。", "No study sessions were recognised; nothing was saved.") + problems);
            return await s.GoToAsync(0, null, ct);
        }
        var existing = ExistingByKey(ctx.Workspace.Id).Keys.ToHashSet();
        var usualDay = StudyText.Rule(ctx.Lang, plan.UsualRule);
        usualDay = usualDay[..usualDay.LastIndexOf('–')]; // the start only: "每月第一个周五 15:00"
        // A usual day on a public holiday is pointed out now; the table can name another day.
        var warnings = plan.Rows.Where(r => r.DayAssumed && _calendar.Holiday(r.Date) is not null).Select(r => ctx.T(
            $"⚠️ {r.Month}月的惯例日期 {ctx.Lang.Date(r.Date)} 是{_calendar.Holiday(r.Date)!.NameZh}(法定节假日),可在表中写明日期后重新导入,或导入后用“调整学法”改期。",
            $"⚠️ The usual day in month {r.Month}, {r.Date:yyyy-MM-dd}, is {_calendar.Holiday(r.Date)!.NameEn} (a public holiday): give a date in the table and import again, or move it afterwards.")).ToList();
        s.Values["plan"] = JsonSerializer.SerializeToNode(new SavedPlan(plan.Year, plan.Rows), Json);
        var updates = plan.Rows.Count(r => existing.Contains(r.Key));
        var summary = updates == 0
            ? ctx.T($"识别到 {plan.Rows.Count} 场学法,均为新增。确认导入吗?", $"Found {plan.Rows.Count} new study sessions. Import them?")
            : ctx.T($"识别到 {plan.Rows.Count} 场学法:新增 {plan.Rows.Count - updates} 场,更新已导入的 {updates} 场。确认导入吗?",
                $"Found {plan.Rows.Count} study sessions: {plan.Rows.Count - updates} new, {updates} imported before (will be updated). Import them?");
        if (!ctx.Capabilities.AdaptiveCards)
        {
            var lines = plan.Rows.Select(r => $"{r.Month}. {r.Title} · {StudyText.WhenOn(ctx.Lang, r.Date, r.Start, r.Minutes)}{(r.DayAssumed ? ctx.T("(按惯例)", " (usual day)") : "")} · {r.Presenter ?? "—"}")
                .Concat(plan.Problems.Select(p => p.In(ctx.Lang))).Concat(warnings);
            summary = string.Join("\n", lines) + "\n\n" + summary;
        }
        return await s.PromptAsync(ConfirmPrompt.DefaultId, new PromptOptions
        {
            Prompt = summary,
            Card = ctx.Capabilities.AdaptiveCards
                ? StudyPlanCards.ImportPreview(ctx.Lang, plan.Year, usualDay, plan.Rows, existing, plan.Problems.Select(p => p.In(ctx.Lang)).ToList(), warnings).ToJsonObject()
                : null,
        }, ct);
    }

    private async Task<DialogTurnResult> SaveAsync(WaterfallStepContext s, CancellationToken ct)
    {
        var ctx = s.Context;
        if (s.Result?.GetValue<bool>() != true)
        {
            await ctx.SendTextAsync(ctx.T("已取消导入,未保存任何内容。", "Import cancelled; nothing was saved."));
            return await s.EndDialogAsync(ct: ct);
        }
        var plan = s.Values["plan"].Deserialize<SavedPlan>(Json)!;
        var existing = ExistingByKey(ctx.Workspace.Id);
        var created = new List<StudySession>();
        var updated = new List<StudySession>();
        var unchanged = new List<StudySession>();
        var changes = new List<(int Id, Action<StudySession> Change)>();
        foreach (var row in plan.Rows)
        {
            if (existing.TryGetValue(row.Key, out var session))
            {
                var before = Fingerprint(session);
                Apply(ctx, session, row);
                if (Fingerprint(session) == before)
                {
                    unchanged.Add(session);
                    continue;
                }
                updated.Add(session);
                // Applied again to the session as stored when saved: a change made meanwhile (by another instance) stays.
                changes.Add((session.Id, stored => Apply(ctx, stored, row)));
                continue;
            }
            session = new StudySession
            {
                WorkspaceId = ctx.Workspace.Id, PlanKey = row.Key, SeriesStartUtc = ctx.Now, ConversationId = ctx.Activity.Conversation?.Id,
                CreatedBy = ctx.UserKey, CreatedByName = ctx.UserName.Length > 0 ? ctx.UserName : null, CreatedUtc = ctx.Now,
            };
            Apply(ctx, session, row);
            created.Add(session);
        }
        _store.SavePlan(ctx.Workspace.Id, created, changes, (session, isNew) => new AuditEntry
        {
            Action = isNew ? "study.planImport" : "study.planUpdate", UserKey = ctx.UserKey, UserName = ctx.UserName, AtUtc = ctx.Now,
            Details = $"{session.PlanKey} | {session.Title} | {session.Law} | {session.Format} | {session.RuleText} | {session.Presenter}",
        });
        var occurrences = created.Concat(updated).Concat(unchanged)
            .Select(x => StudySchedule.OccurrenceOn(x, x.Rule.Date!.Value, ctx.TimeZone)).OfType<StudyOccurrence>().OrderBy(o => o.StartUtc).ToList();
        var lang = ctx.Lang;
        if (ctx.Capabilities.AdaptiveCards)
            await ctx.SendCardAsync(StudyPlanCards.Imported(lang, plan.Year, occurrences, created.Count, updated.Count, unchanged.Count),
                ctx.T($"学法计划已导入:新增 {created.Count} 场,更新 {updated.Count} 场。", $"Study plan imported: {created.Count} new, {updated.Count} updated."));
        else
            await ctx.SendTextAsync(string.Join("\n", new[]
            {
                ctx.T($"学法计划已导入:新增 {created.Count} 场,更新 {updated.Count} 场,未变化 {unchanged.Count} 场。", $"Study plan imported: {created.Count} new, {updated.Count} updated, {unchanged.Count} unchanged."),
            }.Concat(occurrences.Select(o => $"#{o.Session.Id} {o.Session.Title} · {StudyText.When(lang, o)} · {ctx.T("主讲:", "presenter: ")}{o.Session.Presenter ?? "—"}"))));
        return await s.EndDialogAsync(ct: ct);
    }

    /// <summary>The plan as kept between the preview and 确认.</summary>
    private sealed record SavedPlan(int Year, List<StudyPlanRow> Rows);

    private Dictionary<string, StudySession> ExistingByKey(string workspaceId) =>
        _store.InWorkspace(workspaceId).Where(x => x.PlanKey is not null).GroupBy(x => x.PlanKey!).ToDictionary(g => g.Key, g => g.First());

    private static void Apply(TurnContext ctx, StudySession session, StudyPlanRow row)
    {
        session.Title = row.Title;
        session.Law = row.Law;
        session.Format = row.Format;
        session.Meeting = row.Meeting;
        if (session.Presenter != row.Presenter) session.PresenterUserKey = null;
        session.Presenter = row.Presenter;
        session.PresenterUserKey = row.PresenterUserKey ?? session.PresenterUserKey;
        session.ExpectedParticipants = row.Expected;
        if (session.Rule.Date != row.Date) session.Changes.Clear(); // a move or cancellation of the old date no longer applies
        session.Rule = new StudyRule { Kind = StudyRuleKind.Once, Date = row.Date, Start = row.Start, DurationMinutes = row.Minutes };
        session.RuleText = $"{row.Date:yyyy-MM-dd} {row.Start:HH:mm}";
        session.UpdatedUtc = ctx.Now;
    }

    private static string Fingerprint(StudySession x) => JsonSerializer.Serialize(new
    {
        x.Title, x.Law, x.Format, x.Meeting, x.Presenter, x.PresenterUserKey, x.ExpectedParticipants, x.Rule.Date, x.Rule.Start, x.Rule.DurationMinutes, Changes = x.Changes.Count,
    });

    private async Task<StudyPlanImport> ParseAsync(TurnContext ctx, CancellationToken ct)
    {
        var o = _options.Value;
        var members = _workspaces.MembersOf(ctx.Workspace.Id).Where(m => m.Name is not null).GroupBy(m => m.Name!).ToDictionary(g => g.Key, g => g.First().UserKey);
        // An @mention in the presenter cell names the member exactly.
        foreach (var e in ctx.Activity.Entities ?? [])
            if (string.Equals(e.Type, "mention", StringComparison.OrdinalIgnoreCase) && e.Mentioned?.Id is { Length: > 0 } id && e.Mentioned.Id != ctx.Activity.Recipient?.Id
                && e.Mentioned.Name is { Length: > 0 } name)
                members[name] = $"{ctx.Activity.ChannelId}:{id}";
        var context = new StudyPlanTable.Context(ctx.Today.Year, o.UsualRule(ctx.Today), o.PreMeetingLength, ctx.Now, ctx.TimeZone, members);
        if (PlanFileLoader.FindPlanFile(ctx.Activity.Attachments) is { } attachment)
        {
            var file = await _files.LoadAsync(attachment, ct);
            List<List<string>> rows;
            try { rows = file.IsExcel ? ExcelPlanReader.Read(file.Bytes) : CsvPlanReader.Read(file.Bytes); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new PlanFileLoader.LoadException($"无法读取文件“{file.Name}”:请确认是 .xlsx 或 UTF-8 编码的 .csv。", $"Could not read \"{file.Name}\": it must be .xlsx or UTF-8 .csv.");
            }
            if (PlanYear.From(Path.GetFileNameWithoutExtension(file.Name)) is { } fileYear) context = context with { DefaultYear = fileYear };
            return StudyPlanTable.Read(rows.Select((r, i) => (i + 1, r.Select(c => Recognizers.ToHalfWidth(c).Trim()).ToList())).ToList(), context);
        }
        if (PlanFileLoader.HasFile(ctx.Activity.Attachments))
            throw new PlanFileLoader.LoadException("只支持 .xlsx 或 .csv 文件。", "Only .xlsx or .csv files can be imported.");
        var text = PastedText.AfterCommand(PastedText.Of(ctx), Aliases);
        return text.Length == 0 ? new StudyPlanImport() : StudyPlanTable.Read(StudyPlanTable.Split(text), context);
    }
}
