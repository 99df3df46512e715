using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Bot.Features.PlanTasks.Import;
using ChatBot.Bot.Features.PlanTasks.Minutes;
using ChatBot.Cards.Help;
using ChatBot.Cards.PlanTasks;
using ChatBot.Storage.PlanTasks;

namespace ChatBot.Bot.Features.PlanTasks;

/// <summary>
/// 导入纪要 / import minutes: the clerk pastes the minutes of a 党委会 / 镇长办公会 / 现场办公会; the decisions become draft
/// tasks (议定事项, 牵头/配合, 时限) shown in a preview with what was not understood, and on 确认 are saved into a plan named
/// after the meeting (kind 会议督办). A decision without a deadline is not guessed: it is saved as a draft (草稿, listed by
/// 任务列表 草稿) and the bot asks for each deadline in turn; one the clerk skips stays a draft for 设定时限 later.
/// </summary>
internal sealed class ImportMinutesDialog : WaterfallDialog
{
    public const string DialogId = "plantasks.minutes";
    public const string DeadlinePromptId = "plantasks.minutes.deadline";
    private static readonly string[] Aliases = ["导入纪要", "导入会议纪要", "会议纪要", "import minutes", "meeting minutes"];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly PlanTaskStore _store;

    public ImportMinutesDialog(PlanTaskStore store) : base(DialogId)
    {
        _store = store;
        AddStep(AskForMinutesAsync);
        AddStep(PreviewAsync);
        AddStep(SaveAsync);
        AddStep(AskDeadlineAsync);
        AddStep(SaveWithDeadlineAsync);
    }

    public static BeginDialogCommand Command() => new(DialogId, Aliases, ["tasks.minutes"],
        new CommandHelp("工作计划督办", "Plan tasks", "导入纪要", "import minutes", "粘贴党委会、镇长办公会纪要,把议定事项转为督办任务", "Paste meeting minutes; their decisions become supervised tasks", 36));

    /// <summary>A deadline the clerk types for a decision, or 跳过 / skip.</summary>
    public static Task<bool> ValidateDeadline(PromptValidatorContext<string> p, CancellationToken ct)
    {
        var text = (p.Recognized.Value ?? "").Trim();
        if (IsSkip(text) || DeadlineParser.Parse(text, p.Context.Today.Year) is not null) return Task.FromResult(true);
        p.RetryMessage = p.Context.T("没看懂这个时限。请写日期,如“12月31日”“2027-01-15”“12月底”,或回复“跳过”。",
            "I didn't understand that deadline. Write a date such as \"2027-01-15\" or \"12月底\", or reply \"skip\".");
        return Task.FromResult(false);
    }

    private static bool IsSkip(string text) => text.ToLowerInvariant() is "跳过" or "skip" or "暂不" or "不保存";

    private static async Task<DialogTurnResult> AskForMinutesAsync(WaterfallStepContext s, CancellationToken ct)
    {
        var ctx = s.Context;
        var first = s.Values["asked"] is null;
        s.Values["asked"] = true;
        if (first && PastedText.AfterCommand(PastedText.Of(ctx), Aliases).Length > 0) return await s.NextAsync(null, ct);
        await ctx.SendTextAsync(ctx.T(
            "请粘贴会议纪要全文(含标题和“时间:”一行更好)。每项议定事项写明牵头单位和时限,例如:“会议议定:由综合执法办牵头,派出所配合,于12月20日前完成沿街商铺占道整治。”输入“取消”放弃。",
            "Paste the full minutes (with the title and the \"时间:\" line if you can). Each decision should name the lead unit and a deadline, e.g. \"会议议定:由综合执法办牵头,派出所配合,于12月20日前完成沿街商铺占道整治。\" Type \"cancel\" to stop."));
        return DialogTurnResult.Waiting;
    }

    private async Task<DialogTurnResult> PreviewAsync(WaterfallStepContext s, CancellationToken ct)
    {
        var ctx = s.Context;
        var text = PastedText.AfterCommand(PastedText.Of(ctx), Aliases);
        var draft = MinutesParser.Parse(text, ctx.Today);
        draft.Items.RemoveAll(i => !PlanTask.IdentityFits(PlanTask.Identity(ctx.Workspace.Id, draft.MeetingDate.Year, draft.Meeting, "", i.Title)));
        if (draft.Items.Count == 0)
        {
            var lines = draft.NotUnderstood.Count == 0 ? "" : "\n" + ctx.T("未识别:", "Not understood: ") + string.Join(" / ", draft.NotUnderstood.Take(5));
            await ctx.SendTextAsync(ctx.T("没有找到议定事项(需要写明牵头单位,如“由司法所牵头”或“由司法所负责”),未保存任何内容。请重新粘贴。",
                "No decisions found (each needs a lead unit, such as \"由司法所牵头\" or \"由司法所负责\"); nothing was saved. Please paste again.") + lines);
            return await s.GoToAsync(0, null, ct);
        }
        s.Values["draft"] = JsonSerializer.SerializeToNode(draft, Json);
        var rows = draft.Items.Select(i => new MinutesPreviewCard.Row(i.Title, i.LeadUnit, i.SupportUnits, i.Owners, i.DueDate)).ToList();
        var missing = draft.Items.Count(i => i.DueDate is null);
        var summary = ctx.T($"从“{draft.Meeting}”识别到 {draft.Items.Count} 项议定事项{(missing > 0 ? $",其中 {missing} 项没有时限(确认后逐项请您补充)" : "")}。确认保存吗?",
            $"Found {draft.Items.Count} decisions in \"{draft.Meeting}\"{(missing > 0 ? $"; {missing} without a deadline (you will be asked for each)" : "")}. Save them?");
        if (!ctx.Capabilities.AdaptiveCards)
        {
            var lines = rows.Select((r, i) => $"{i + 1}. {r.Title} · {ctx.T("牵头", "lead")}:{r.Lead}{(r.Support.Count > 0 ? $" · {ctx.T("配合", "support")}:{string.Join("、", r.Support)}" : "")} · {(r.Due is { } d ? ctx.Lang.Date(d) : ctx.T("缺时限", "no deadline"))}");
            var unknown = draft.NotUnderstood.Count == 0 ? "" : "\n" + ctx.T("未识别:", "Not understood: ") + string.Join(" / ", draft.NotUnderstood.Take(10));
            summary = string.Join("\n", lines) + unknown + "\n\n" + summary;
        }
        return await s.PromptAsync(ConfirmPrompt.DefaultId, new PromptOptions
        {
            Prompt = summary,
            Card = ctx.Capabilities.AdaptiveCards ? MinutesPreviewCard.Build(ctx.Lang, draft.Meeting, draft.MeetingDate, rows, draft.NotUnderstood).ToJsonObject() : null,
        }, ct);
    }

    private async Task<DialogTurnResult> SaveAsync(WaterfallStepContext s, CancellationToken ct)
    {
        var ctx = s.Context;
        if (s.Result?.GetValue<bool>() != true)
        {
            await ctx.SendTextAsync(ctx.T("已取消,未保存任何内容。", "Cancelled; nothing was saved."));
            return await s.EndDialogAsync(ct: ct);
        }
        var draft = Draft(s);
        var dated = draft.Items.Where(i => i.DueDate is not null).ToList();
        var outcome = dated.Count == 0 ? new ImportOutcome(0, 0, 0, []) : _store.Import(ctx.Workspace.Id, dated.Select(i => ToTask(draft, i, i.DueDate!.Value)).ToList(), TaskArgs.ActorOf(ctx), ctx.Now);
        // The undated ones are kept as drafts at once, so a clerk who walks away from the questions loses none.
        var drafts = draft.Items.Where(i => i.DueDate is null)
            .Select(i => _store.SaveDraft(ctx.Workspace.Id, ToTask(draft, i, DateOnly.MinValue), TaskArgs.ActorOf(ctx), ctx.Now))
            .Where(t => t.Status == PlanTaskStatus.Draft).Select(t => t.Id).Distinct().ToList();
        var waiting = drafts.Count;
        await ctx.SendTextAsync(ctx.T($"已保存到“{draft.Meeting}”(会议督办):新增 {outcome.Created} 项,更新 {outcome.Updated} 项,未变化 {outcome.Unchanged} 项。" + (waiting > 0 ? $"还有 {waiting} 项没有时限,已存为草稿,请逐项补充。" : "输入“任务列表”查看。"),
            $"Saved to \"{draft.Meeting}\" (meeting supervision): {outcome.Created} new, {outcome.Updated} updated, {outcome.Unchanged} unchanged." + (waiting > 0 ? $" {waiting} have no deadline and are kept as drafts: please give them one by one." : " Type \"tasks\" to see them.")));
        s.Values["drafts"] = new JsonArray(drafts.Select(id => (JsonNode?)JsonValue.Create(id)).ToArray());
        s.Values["next"] = 0;
        return await s.NextAsync(null, ct);
    }

    private async Task<DialogTurnResult> AskDeadlineAsync(WaterfallStepContext s, CancellationToken ct)
    {
        var drafts = DraftIds(s);
        var next = s.Values["next"]!.GetValue<int>();
        var ctx = s.Context;
        if (next >= drafts.Count) return await s.EndDialogAsync(ct: ct);
        var item = _store.Get(ctx.Workspace.Id, drafts[next]);
        if (item is null || item.Status != PlanTaskStatus.Draft)
        {
            s.Values["next"] = next + 1; // given a deadline meanwhile (设定时限) or gone
            return await s.GoToAsync(3, null, ct);
        }
        return await s.PromptAsync(DeadlinePromptId, new PromptOptions
        {
            Prompt = ctx.T($"议定事项 #{item.Id}“{item.Title}”(牵头:{item.Department})纪要中没有时限,已存为草稿。请回复完成时限(如“12月31日”“2027-01-15”),或回复“跳过”留作草稿。",
                $"The decision #{item.Id} \"{item.Title}\" (lead: {item.Department}) has no deadline in the minutes and is kept as a draft. Reply with one (e.g. \"2027-01-15\"), or \"skip\" to leave it a draft."),
        }, ct);
    }

    private static List<int> DraftIds(WaterfallStepContext s) => (s.Values["drafts"] as JsonArray)?.Select(n => n!.GetValue<int>()).ToList() ?? [];

    private async Task<DialogTurnResult> SaveWithDeadlineAsync(WaterfallStepContext s, CancellationToken ct)
    {
        var ctx = s.Context;
        var draft = Draft(s);
        var next = s.Values["next"]!.GetValue<int>();
        var id = DraftIds(s)[next];
        var answer = (s.Result?.GetValue<string>() ?? "").Trim();
        var title = _store.Get(ctx.Workspace.Id, id)?.Title ?? "";
        if (IsSkip(answer))
            await ctx.SendTextAsync(ctx.T($"#{id}“{title}”留作草稿。有了时限后输入“设定时限 {id} 日期”。", $"#{id} \"{title}\" stays a draft. When it has a deadline: \"set deadline {id} DATE\"."));
        else
        {
            var due = DeadlineParser.Parse(answer, draft.MeetingDate.Year)!.Value;
            var saved = _store.SetDeadline(ctx.Workspace.Id, id, due, TaskArgs.ActorOf(ctx), ctx.Now);
            await ctx.SendTextAsync(saved is null
                ? ctx.T($"#{id} 已不是草稿,未更改。", $"#{id} is no longer a draft; nothing changed.")
                : ctx.T($"已保存:#{id} {title},时限 {ctx.Lang.Date(due)}。", $"Saved: #{id} {title}, due {ctx.Lang.Date(due)}."));
        }
        s.Values["next"] = next + 1;
        return await s.GoToAsync(3, null, ct);
    }

    private static MinutesDraft Draft(WaterfallStepContext s) => s.Values["draft"].Deserialize<MinutesDraft>(Json) ?? new();

    private static PlanTaskDraft ToTask(MinutesDraft draft, MinutesItem item, DateOnly due) => new()
    {
        PlanYear = draft.MeetingDate.Year, PlanTitle = draft.Meeting, Title = item.Title, Department = item.LeadUnit, Owners = item.Owners.ToList(),
        SupportUnits = item.SupportUnits.ToList(), PlanKind = PlanTaskDraft.MeetingPlanKind, DueDate = due,
    };
}
