using ChatBot.Cards;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Bot.Features.PlanTasks.Import;
using ChatBot.Cards.Help;
using ChatBot.Cards.PlanTasks;
using ChatBot.Storage.PlanTasks;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.PlanTasks;

/// <summary>
/// 导入计划 / import plan: takes an .xlsx/.csv attachment or an outline pasted as text, shows a preview card, and
/// saves all tasks in one transaction on confirmation. Re-importing the same plan updates its tasks.
/// </summary>
internal sealed class ImportPlanDialog : WaterfallDialog
{
    public const string DialogId = "plantasks.import";
    private static readonly string[] Aliases = ["导入计划", "导入任务", "import plan", "import tasks"];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly PlanTaskStore _store;
    private readonly PlanFileLoader _files;
    private readonly SupervisionNotices _notices;
    private readonly IOptions<PlanTaskOptions> _options;

    public ImportPlanDialog(PlanTaskStore store, PlanFileLoader files, SupervisionNotices notices, IOptions<PlanTaskOptions> options) : base(DialogId)
    {
        _store = store;
        _files = files;
        _notices = notices;
        _options = options;
        AddStep(AskForPlanAsync);
        AddStep(PreviewAsync);
        AddStep(SaveAsync);
    }

    public static BeginDialogCommand Command() => new(DialogId, Aliases, ["tasks.import"],
        new CommandHelp("工作计划督办", "Plan tasks", "导入计划", "import plan", "导入年度工作计划(Excel/CSV 文件或粘贴文本)", "Import the annual plan (Excel/CSV file or pasted text)", 34));

    private async Task<DialogTurnResult> AskForPlanAsync(WaterfallStepContext s, CancellationToken ct)
    {
        var ctx = s.Context;
        var first = s.Values["asked"] is null;
        s.Values["asked"] = true;
        if (first && (PlanFileLoader.HasFile(ctx.Activity.Attachments) || PastedText.AfterCommand(PastedText.Of(ctx), Aliases).Length > 0))
            return await s.NextAsync(null, ct);
        await ctx.SendTextAsync(ctx.T(
            "请发送计划文件(.xlsx 或 .csv,列:计划、板块、任务、责任人、责任部门、完成时限),或直接粘贴计划全文(“一、…(一)…1.…”格式)。输入“取消”放弃。",
            "Send the plan file (.xlsx or .csv with columns 计划, 板块, 任务, 责任人, 责任部门, 完成时限), or paste the plan text (\"一、… (一)… 1.…\" outline). Type \"cancel\" to stop."));
        return DialogTurnResult.Waiting;
    }

    private async Task<DialogTurnResult> PreviewAsync(WaterfallStepContext s, CancellationToken ct)
    {
        var ctx = s.Context;
        PlanImportResult parsed;
        try { parsed = await ParseAsync(ctx, ct); }
        catch (PlanFileLoader.LoadException ex)
        {
            await ctx.SendTextAsync(ctx.T(ex.Zh, ex.En));
            return await s.GoToAsync(0, null, ct);
        }
        // A task whose plan, section and title together exceed what the identity index can hold is left out, and said.
        foreach (var d in parsed.Tasks.Where(d => !PlanTask.IdentityFits(PlanTask.Identity(ctx.Workspace.Id, d.PlanYear, d.PlanTitle, d.Section, d.Title))).ToList())
        {
            parsed.Tasks.Remove(d);
            var title = d.Title.Length > 20 ? d.Title[..20] + "…" : d.Title;
            parsed.Problems.Add(new($"任务“{title}”的计划名称、板块和任务内容合起来太长,未导入。", $"The task \"{title}\" was left out: its plan, section and title together are too long."));
        }
        if (parsed.Tasks.Count == 0)
        {
            var problems = parsed.Problems.Count == 0 ? "" : "\n\n" + string.Join("\n", parsed.Problems.Take(10).Select(p => p.In(ctx.Lang)));
            await ctx.SendTextAsync(ctx.T("没有识别出任何任务,未保存任何内容。", "No tasks were recognised; nothing was saved.") + problems);
            return await s.GoToAsync(0, null, ct);
        }
        var drafts = parsed.Tasks;
        var saved = _store.All(ctx.Workspace.Id).Select(t => t.IdentityKey).ToHashSet();
        var existing = drafts.Count(d => saved.Contains(PlanTask.Identity(ctx.Workspace.Id, d.PlanYear, d.PlanTitle, d.Section, d.Title)));
        s.Values["drafts"] = JsonSerializer.SerializeToNode(drafts, Json);
        var plan = drafts[0];
        var summary = existing == 0
            ? ctx.T($"识别到 {drafts.Count} 项任务,均为新任务。确认导入吗?", $"Found {English.Count(drafts.Count, "new task")}. Import {(drafts.Count == 1 ? "it" : "them")}?")
            : ctx.T($"识别到 {drafts.Count} 项任务:新增 {drafts.Count - existing} 项,更新已有 {existing} 项。确认导入吗?",
                $"Found {English.Count(drafts.Count, "task")}: {drafts.Count - existing} new, {existing} already saved (will be updated). Import {(drafts.Count == 1 ? "it" : "them")}?");
        if (!ctx.Capabilities.AdaptiveCards)
        {
            var lines = drafts.Take(30).Select((d, i) => $"{i + 1}. {d.Title} · {ctx.Lang.Date(d.DueDate)} · {string.Join("、", d.Owners)} {d.Department}");
            summary = string.Join("\n", lines) + "\n\n" + summary;
        }
        return await s.PromptAsync(ConfirmPrompt.DefaultId, new PromptOptions
        {
            Prompt = summary,
            Card = ctx.Capabilities.AdaptiveCards
                ? PlanTaskCards.ImportPreview(ctx.Lang, plan.PlanTitle, plan.PlanYear, drafts, parsed.Problems.Select(p => p.In(ctx.Lang)).ToList(), existing).ToJsonObject()
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
        var drafts = s.Values["drafts"].Deserialize<List<PlanTaskDraft>>(Json) ?? new();
        var outcome = _store.Import(ctx.Workspace.Id, drafts, TaskArgs.ActorOf(ctx), ctx.Now, askToSign: true);
        // Newly assigned by this import (#24): new tasks, and tasks given other owners.
        var toSign = outcome.TaskIds.Select(id => _store.Get(ctx.Workspace.Id, id)).OfType<PlanTask>()
            .Where(t => t.IsOpen && t.Supervision.AssignedUtc == ctx.Now && t.Supervision.AcknowledgedUtc is null).ToList();
        var (keyByOwner, unbound) = _notices.People(ctx, toSign);
        var summary = ctx.T(
            $"导入完成:新增 {outcome.Created} 项,更新 {outcome.Updated} 项,未变化 {outcome.Unchanged} 项。输入“任务列表”查看,“逾期任务”查看督办情况。",
            $"Imported: {outcome.Created} new, {outcome.Updated} updated, {outcome.Unchanged} unchanged. Type \"tasks\" to see them, \"overdue\" for what is late.");
        var persons = keyByOwner.Values.Distinct(StringComparer.Ordinal).Count();
        if (persons > 0)
            summary += ctx.T($"\n\n已请 {persons} 位责任人签收新任务。", $"\n\n{English.Count(persons, "owner")} asked to sign for their new tasks.");
        if (unbound.Count > 0)
            summary += ctx.T(
                $"\n\n以下责任人尚未绑定到群成员,无法@本人签收:{string.Join("、", unbound)}。请管理员用“绑定 {unbound[0]} @某人”绑定(或输入“绑定”用卡片选择);未签收的任务 {_options.Value.AcknowledgeWithinWorkingDays} 个工作日后会列给管理员。",
                $"\n\nThese owners are not bound to a member, so they cannot be asked to sign: {string.Join(", ", unbound)}. An admin can bind them with \"bind {unbound[0]} @someone\" (or type \"bind\" to choose on a card); tasks not signed for within {_options.Value.AcknowledgeWithinWorkingDays} working days are listed to the admins.");
        await ctx.SendTextAsync(summary);
        if (ctx.Capabilities.AdaptiveCards) await AskToSignAsync(ctx, toSign, keyByOwner);
        return await s.EndDialogAsync(ct: ct);
    }

    /// <summary>One message per person, listing that person's new tasks with one button to sign for them all (#24).</summary>
    private async Task AskToSignAsync(TurnContext ctx, IReadOnlyList<PlanTask> toSign, IReadOnlyDictionary<string, string> keyByOwner)
    {
        var yellow = _options.Value.YellowDaysFor(ctx.Workspace);
        var people = keyByOwner.GroupBy(p => p.Value, p => p.Key, StringComparer.Ordinal);
        foreach (var person in people)
        {
            var names = person.ToList();
            var tasks = toSign.Where(t => t.Owners.Any(names.Contains)).ToList();
            var mentions = Mentions.ForKeys(ctx.Workspace, [(person.Key, names[0])]);
            var who = mentions.TextFor(names[0]);
            await ctx.SendCardAsync(SupervisionCards.AssignedMany(ctx.Lang, tasks, who, ctx.Today, yellow),
                ctx.T($"{who} 请签收 {tasks.Count} 项新任务。", $"{who} please sign for {English.Count(tasks.Count, "new task")}."), mentions.Entities);
        }
    }

    private async Task<PlanImportResult> ParseAsync(TurnContext ctx, CancellationToken ct)
    {
        var year = ctx.Today.Year;
        var defaultPlan = ctx.T($"{year}年工作计划", $"{year} work plan");
        if (PlanFileLoader.FindPlanFile(ctx.Activity.Attachments) is { } attachment)
        {
            var file = await _files.LoadAsync(attachment, ct);
            List<List<string>> rows;
            try { rows = file.IsExcel ? ExcelPlanReader.Read(file.Bytes) : CsvPlanReader.Read(file.Bytes); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new PlanFileLoader.LoadException($"无法读取文件“{file.Name}”:请确认是 .xlsx 或 UTF-8 编码的 .csv。", $"Could not read \"{file.Name}\": it must be .xlsx or UTF-8 .csv.");
            }
            if (rows.Count < 2) throw new PlanFileLoader.LoadException("文件里没有数据行。", "The file has no data rows.");
            var planFromName = Path.GetFileNameWithoutExtension(file.Name);
            return PlanTable.ToDrafts(rows[0], rows.Skip(1), PlanYear.From(planFromName) ?? year, planFromName.Length > 0 ? planFromName : defaultPlan);
        }
        if (PlanFileLoader.HasFile(ctx.Activity.Attachments))
            throw new PlanFileLoader.LoadException("只支持 .xlsx 或 .csv 文件。", "Only .xlsx or .csv files can be imported.");
        var text = PastedText.AfterCommand(PastedText.Of(ctx), Aliases);
        if (text.Length == 0) return new PlanImportResult();
        return OutlinePlanParser.Parse(text, year, defaultPlan);
    }
}
