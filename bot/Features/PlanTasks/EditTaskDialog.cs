using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Bot.Features.PlanTasks.Import;
using ChatBot.Cards.Help;
using ChatBot.Cards.PlanTasks;
using ChatBot.Storage.PlanTasks;

namespace ChatBot.Bot.Features.PlanTasks;

/// <summary>新建任务 / add task, 编辑任务 N / edit task N: one task with a form card; re-shows the card with what is wrong.</summary>
internal sealed class EditTaskDialog : WaterfallDialog
{
    public const string DialogId = "plantasks.edit";
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);
    private readonly PlanTaskStore _store;
    private readonly SupervisionNotices _notices;
    private readonly PlanTaskOptions _options;
    private readonly ChatBot.Storage.Conversations.WorkspaceStore _workspaces;

    public EditTaskDialog(PlanTaskStore store, SupervisionNotices notices, Microsoft.Extensions.Options.IOptions<PlanTaskOptions> options,
        ChatBot.Storage.Conversations.WorkspaceStore workspaces) : base(DialogId)
    {
        _store = store;
        _workspaces = workspaces;
        _notices = notices;
        _options = options.Value;
        AddStep(ShowFormAsync);
        AddStep(SaveAsync);
    }

    public static BeginDialogCommand AddCommand() => new(DialogId, ["新建任务", "添加任务", "add task", "new task"], ["tasks.add"],
        new CommandHelp("工作计划督办", "Plan tasks", "新建任务", "add task", "用卡片添加一项计划任务", "Add one plan task with a form", 35));

    public static BeginDialogCommand EditCommand() => new(DialogId, ["编辑任务", "修改任务", "edit task"], ["tasks.edit"],
        new CommandHelp("工作计划督办", "Plan tasks", "编辑任务 编号", "edit task N", "修改任务的责任人、时限等", "Change a task's owner, due date, …", 36));

    private async Task<DialogTurnResult> ShowFormAsync(WaterfallStepContext s, CancellationToken ct)
    {
        var ctx = s.Context;
        if (s.Values["mode"] is null)
        {
            var text = s.Options?.GetValue<string>() ?? "";
            var editing = ctx.Text.StartsWith("编辑", StringComparison.Ordinal) || ctx.Text.StartsWith("修改", StringComparison.Ordinal)
                || ctx.Text.StartsWith("edit", StringComparison.OrdinalIgnoreCase);
            if (editing)
            {
                if (!TaskArgs.TryTaskId(text, out var id, out _))
                {
                    await ctx.SendTextAsync(ctx.T("请带上任务编号,例如“编辑任务 12”。", "Add the task number, e.g. \"edit task 12\"."));
                    return await s.EndDialogAsync(ct: ct);
                }
                var found = _store.Get(ctx.Workspace.Id, id);
                if (found is null) { await ctx.SendTextAsync(TaskArgs.NotFound(ctx, id)); return await s.EndDialogAsync(ct: ct); }
                s.Values["taskId"] = id;
            }
            s.Values["mode"] = editing ? "edit" : "add";
            // "新建任务 建立执法公示制度(6月底前完成,责任人:张三)": what follows the command fills the form.
            if (!editing && text.Trim().Length > 0) s.Values["prefill"] = JsonSerializer.SerializeToNode(Prefill(text.Trim(), ctx.Today.Year), Json);
            if (!ctx.Capabilities.FormCards)
            {
                await ctx.SendTextAsync(ctx.T("这个聊天不支持表单卡片。请用“导入计划”粘贴任务文本,例如“1.建立执法公示制度(6月底前完成,责任人:张三)”。",
                    "Forms are not available in this chat. Use \"import plan\" and paste the task as text, e.g. \"1. Publish enforcement info (6月底前完成, 责任人:张三)\"."));
                return await s.EndDialogAsync(ct: ct);
            }
        }
        var task = s.Values["taskId"] is { } tid ? _store.Get(ctx.Workspace.Id, tid.GetValue<int>()) : null;
        var latest = _store.All(ctx.Workspace.Id).OrderByDescending(t => t.UpdatedUtc).FirstOrDefault();
        var errors = (s.Values["errors"] as JsonArray)?.Select(e => e!.GetValue<string>()).ToList();
        s.Values.Remove("errors");
        var prefill = s.Values["prefill"]?.Deserialize<PlanTaskDraft>(Json);
        var members = _workspaces.MembersOf(ctx.Workspace.Id).Where(m => !string.IsNullOrWhiteSpace(m.Name))
            .OrderByDescending(m => m.LastSeenUtc).Select(m => m.Name!).Distinct().Take(100).ToList();
        var card = PlanTaskCards.TaskForm(ctx.Lang, task, latest?.PlanYear ?? ctx.Today.Year, latest?.PlanTitle ?? ctx.T($"{ctx.Today.Year}年工作计划", $"{ctx.Today.Year} work plan"), errors, prefill,
            members, peoplePicker: ctx.Workspace.ChannelId == "msteams");
        return await s.PromptAsync(FormPrompt.DefaultId, new PromptOptions { Card = card.ToJsonObject() }, ct);
    }

    /// <summary>
    /// The owners picked on the card: member names, or in Teams the AAD object ids of the people picker, which name a
    /// member the bot has seen; <c>unknown</c> counts the ids of people it has not seen (their names are unknown).
    /// </summary>
    private (List<string> Names, int Unknown) PickedOwners(TurnContext ctx, string value)
    {
        var names = new List<string>();
        var unknown = 0;
        if (value.Length == 0) return (names, 0);
        var members = _workspaces.MembersOf(ctx.Workspace.Id);
        foreach (var v in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var member = members.FirstOrDefault(m => m.Name == v) ?? members.FirstOrDefault(m => m.AadObjectId is { Length: > 0 } aad && aad == v);
            if (member?.Name is { } name) names.Add(name);
            else unknown++;
        }
        return (names, unknown);
    }

    /// <summary>A task line as plans write it (title, deadline, 责任人, 责任单位), else the text as the title.</summary>
    private static PlanTaskDraft Prefill(string text, int year) =>
        OutlinePlanParser.Parse("1." + text, year).Tasks.FirstOrDefault() ?? new PlanTaskDraft { Title = text };

    private async Task<DialogTurnResult> SaveAsync(WaterfallStepContext s, CancellationToken ct)
    {
        var ctx = s.Context;
        var form = FormPrompt.Submitted(s.Result);
        if (form is null)
        {
            s.Values["errors"] = new JsonArray(ctx.T("请在卡片中填写并点“保存”,或输入“取消”。", "Fill in the card and press Save, or type \"cancel\"."));
            return await s.GoToAsync(0, null, ct);
        }
        string Field(string name) => form[name] is JsonValue v ? v.ToString().Trim() : "";
        var errors = new List<string>();
        var title = Field("title");
        if (title.Length == 0) errors.Add(ctx.T("请填写任务内容。", "Enter the task."));
        var year = int.TryParse(Field("year"), out var y) && y is > 2000 and < 2100 ? y : ctx.Today.Year;
        var due = DeadlineParser.Parse(Field("due"), year);
        if (due is null) errors.Add(ctx.T("请选择完成时限。", "Choose a due date."));
        var plan = Field("plan");
        // The card's limits, checked again here (a submit need not come from the card).
        foreach (var (value, max, zh, en) in new[] { (plan, 200, "计划名称", "The plan"), (Field("section"), 200, "板块", "The section"), (title, 1000, "任务内容", "The task"),
                     (Field("owners"), 200, "责任人", "The owners"), (Field("department"), 100, "牵头单位", "The lead unit"), (Field("support"), 200, "配合单位", "The supporting units") })
            if (value.Length > max) errors.Add(ctx.T($"{zh}最多 {max} 个字。", $"{en} can have at most {max} characters."));
        var (picked, unknown) = PickedOwners(ctx, Field(PlanTaskCards.OwnerPeopleField));
        if (unknown > 0)
            errors.Add(ctx.T($"选择的 {unknown} 位人员还没有在本群出现过,机器人不知道其姓名:请其在群里发一句话后再选,或在“责任人”中填写姓名。",
                $"{unknown} picked person(s) have not been seen in this group, so their names are unknown: ask them to write here first, or type the name under Owners."));
        if (errors.Count == 0 && !PlanTask.IdentityFits(PlanTask.Identity(ctx.Workspace.Id, year, plan.Length > 0 ? plan : ctx.T($"{year}年工作计划", $"{year} work plan"), Field("section"), title)))
            errors.Add(ctx.T("计划名称、板块和任务内容合起来太长,请精简。", "The plan, section and task together are too long; please shorten them."));
        if (errors.Count > 0)
        {
            s.Values["errors"] = new JsonArray(errors.Select(e => (JsonNode?)JsonValue.Create(e)).ToArray());
            await ctx.SupersedeClickedCardAsync();
            return await s.GoToAsync(0, null, ct);
        }
        var draft = new PlanTaskDraft
        {
            PlanYear = year, PlanTitle = plan.Length > 0 ? plan : ctx.T($"{year}年工作计划", $"{year} work plan"), Section = Field("section"),
            Title = title, Owners = OwnerList.Split(Field("owners")).Concat(picked).Distinct().ToList(), Department = Field("department"), DueDate = due!.Value,
            SupportUnits = OwnerList.Split(Field("support")), IsKey = Field("key") == "true",
        };
        var actor = TaskArgs.ActorOf(ctx);
        PlanTask? saved = s.Values["taskId"] is { } tid
            ? _store.Edit(ctx.Workspace.Id, tid.GetValue<int>(), draft, actor, ctx.Now)
            : _store.Create(ctx.Workspace.Id, draft, actor, ctx.Now);
        if (saved is null)
        {
            s.Values["errors"] = new JsonArray(ctx.T("同一计划、同一板块下已有同名任务。", "This plan section already has a task with that title."));
            await ctx.SupersedeClickedCardAsync();
            return await s.GoToAsync(0, null, ct);
        }
        await ctx.CloseClickedCardAsync(new ChatBot.Cards.AdaptiveCards.AdaptiveCard().Add(
            ChatBot.Cards.AdaptiveCards.TextBlock.Heading(ctx.T($"已保存任务 #{saved.Id}", $"Saved task #{saved.Id}")),
            PlanTaskCards.Facts(ctx.Lang, saved, ctx.Today, _options.YellowDaysFor(ctx.Workspace))));
        await ctx.SendTextAsync(ctx.T($"已保存任务 #{saved.Id}“{saved.Title}”,完成时限 {ctx.Lang.Date(saved.DueDate)}。",
            $"Saved task #{saved.Id} \"{saved.Title}\", due {ctx.Lang.Date(saved.DueDate)}."));
        if (saved.Supervision.AssignedUtc == ctx.Now && saved.Supervision.AcknowledgedUtc is null && ctx.Capabilities.AdaptiveCards)
        {
            // Newly assigned (#24): the owners are asked to sign for it.
            var (who, entities) = _notices.Owners(ctx, saved);
            await ctx.SendCardAsync(SupervisionCards.Assigned(ctx.Lang, saved, who, ctx.Today, _options.YellowDaysFor(ctx.Workspace)),
                ctx.T($"{who} 请签收任务 #{saved.Id}。", $"{who} please sign for task #{saved.Id}."), entities);
        }
        return await s.EndDialogAsync(ct: ct);
    }
}
