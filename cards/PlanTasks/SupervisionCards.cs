using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Storage.PlanTasks;

namespace ChatBot.Cards.PlanTasks;

/// <summary>The supervision cycle's cards and card parts (#24): 签收, 催办, 延期申请, 验收, 领导批示.</summary>
public static class SupervisionCards
{
    public const string AcknowledgeVerb = "task.ack";
    public const string ChaseVerb = "task.chase";
    public const string ExtensionFormVerb = "task.extend.form";
    public const string ExtensionVerb = "task.extend";
    public const string ApproveExtensionVerb = "task.extend.approve";
    public const string RefuseExtensionVerb = "task.extend.refuse";
    public const string AcceptVerb = "task.accept";
    public const string ReturnFormVerb = "task.return.form";
    public const string ReturnVerb = "task.return";

    private static JsonObject Data(string verb, int id) => new() { ["verb"] = verb, ["taskId"] = id };

    public static SubmitAction ChaseButton(Lang lang, PlanTask t) =>
        new() { Title = lang.T($"催办 #{t.Id}", $"Chase #{t.Id}"), Data = Data(ChaseVerb, t.Id) };

    /// <summary>"已催办 2 次,最近 12月3日" (null when never chased).</summary>
    public static string? ChaseSummary(Lang lang, TaskSupervision s, Func<DateTimeOffset, DateOnly> localDay)
    {
        if (s.Chases.Count == 0) return null;
        var last = localDay(s.Chases[^1].AtUtc);
        return lang.IsZh ? $"已催办 {s.Chases.Count} 次,最近 {last.Month}月{last.Day}日" : $"chased {(s.Chases.Count == 1 ? "once" : English.Count(s.Chases.Count, "time"))}, last {last:yyyy-MM-dd}";
    }

    // China Standard Time has no daylight saving: a fixed +8 is exact for showing days.
    private static DateOnly ShanghaiDay(DateTimeOffset t) => DateOnly.FromDateTime(t.ToOffset(TimeSpan.FromHours(8)).DateTime);

    /// <summary>The marks a list line gets: " · 已催办2次 · 延期1次 · 待签收".</summary>
    internal static void AppendMarks(ref DefaultInterpolatedStringHandler s, Lang lang, PlanTask t)
    {
        var sup = t.Supervision;
        var zh = lang.IsZh;
        if (sup.Chases.Count > 0) s.AppendFormatted(zh ? $" · 已催办{sup.Chases.Count}次" : $" · chased {sup.Chases.Count}×");
        if (sup.ApprovedExtensions > 0) s.AppendFormatted(zh ? $" · 延期{sup.ApprovedExtensions}次" : $" · extended {sup.ApprovedExtensions}×");
        if (t.IsOpen && sup.AssignedUtc is not null && sup.AcknowledgedUtc is null) s.AppendFormatted(zh ? " · 待签收" : " · not signed for");
    }

    /// <summary>The facts of the cycle under a task's facts.</summary>
    internal static void AddFacts(FactSet facts, Lang lang, PlanTask t)
    {
        var sup = t.Supervision;
        if (sup.AssignedUtc is not null)
            facts.Add(lang.T("签收", "Signed for"), sup.AcknowledgedUtc is { } ack
                ? $"{sup.AcknowledgedBy} {lang.Date(ShanghaiDay(ack))}"
                : lang.T("待签收", "Not yet"));
        if (ChaseSummary(lang, sup, ShanghaiDay) is { } chased) facts.Add(lang.T("催办", "Chased"), chased);
        if (sup.ApprovedExtensions > 0)
            facts.Add(lang.T("延期", "Extended"), lang.T($"延期 {sup.ApprovedExtensions} 次,原定 {lang.Date(sup.OriginalDueDate ?? t.DueDate)}",
                $"{sup.ApprovedExtensions} time(s), originally due {lang.Date(sup.OriginalDueDate ?? t.DueDate)}"));
        if (sup.PendingExtension is { } p)
            facts.Add(lang.T("延期申请", "Extension asked"), lang.T($"申请延至 {lang.Date(p.ToDate)}(待审批)", $"to {lang.Date(p.ToDate)} (awaiting decision)"));
        if (sup.Returns.Count > 0)
            facts.Add(lang.T("验收退回", "Returned"), $"{sup.Returns[^1].ByName}:{sup.Returns[^1].Reason}");
    }

    /// <summary>领导批示 at the top of the details card, newest first.</summary>
    internal static void AddInstructions(AdaptiveCard card, Lang lang, PlanTask t, Func<DateTimeOffset, DateTimeOffset> toLocal)
    {
        if (t.Supervision.Instructions.Count == 0) return;
        card.Add(new TextBlock(lang.T("领导批示", "Leader's instructions")) { Weight = "Bolder", Color = "Accent" });
        foreach (var i in Enumerable.Reverse(t.Supervision.Instructions).Take(5))
            card.Add(new TextBlock($"{i.Text}({string.Join(" ", new[] { i.ByName, lang.DateTime(toLocal(i.AtUtc)) }.Where(p => !string.IsNullOrWhiteSpace(p)))})") { Spacing = "Small" });
    }

    /// <summary>The details card's buttons for the cycle: 签收, 催办, 申请延期, 验收 / 退回.</summary>
    internal static void AddDetailsActions(AdaptiveCard card, Lang lang, PlanTask t, DateOnly today, int yellowDays)
    {
        var sup = t.Supervision;
        if (t.IsOpen && sup.AssignedUtc is not null && sup.AcknowledgedUtc is null)
            card.AddAction(new SubmitAction { Title = lang.T("签收", "Sign for it"), Data = Data(AcknowledgeVerb, t.Id) });
        if (t.UrgencyOn(today, yellowDays) is TaskUrgency.Overdue or TaskUrgency.DueSoon) card.AddAction(ChaseButton(lang, t));
        if (t.IsOpen && sup.PendingExtension is null)
            card.AddAction(new SubmitAction { Title = lang.T("申请延期", "Ask for more time"), Data = Data(ExtensionFormVerb, t.Id) });
        if (t.Status == PlanTaskStatus.PendingAcceptance)
        {
            card.AddAction(new SubmitAction { Title = lang.T("验收通过", "Accept"), Style = "positive", Data = Data(AcceptVerb, t.Id) });
            card.AddAction(new SubmitAction { Title = lang.T("退回", "Return"), Data = Data(ReturnFormVerb, t.Id) });
        }
    }

    /// <summary>A newly assigned task: its owners are asked to sign for it.</summary>
    public static AdaptiveCard Assigned(Lang lang, PlanTask t, string mentionText, DateOnly today, int yellowDays)
    {
        var card = new AdaptiveCard().Add(
            TextBlock.Heading(lang.T("新任务请签收", "New task: please sign for it")),
            new TextBlock(mentionText),
            PlanTaskCards.Facts(lang, t, today, yellowDays));
        card.AddAction(new SubmitAction { Title = lang.T("签收", "Sign for it"), Style = "positive", Data = Data(AcknowledgeVerb, t.Id) });
        return card;
    }

    /// <summary>
    /// An imported plan's new tasks for one owner, in one message (导入计划, #24): the owner @mentioned, the tasks, and
    /// one button that signs for them all (签收 for a single task).
    /// </summary>
    public static AdaptiveCard AssignedMany(Lang lang, IReadOnlyList<PlanTask> tasks, string mentionText, DateOnly today, int yellowDays)
    {
        var card = new AdaptiveCard().Add(
            TextBlock.Heading(lang.T($"新任务请签收({tasks.Count} 项)", $"New tasks: please sign for them ({tasks.Count})")),
            new TextBlock(lang.T($"{mentionText}:导入的计划中以下任务由您负责,请签收。", $"{mentionText}: the imported plan gives you these tasks; please sign for them.")) { Wrap = true });
        foreach (var t in tasks.Take(MaxListed)) card.Add(new TextBlock(PlanTaskCards.Line(lang, t, today, yellowDays)) { Wrap = true, Spacing = "Small" });
        if (tasks.Count > MaxListed)
            card.Add(new TextBlock(lang.T($"……另有 {tasks.Count - MaxListed} 项,输入“任务列表 待签收”查看。", $"…and {tasks.Count - MaxListed} more: type \"tasks unsigned\" to see them.")) { Wrap = true, IsSubtle = true });
        card.AddAction(tasks.Count == 1
            ? new SubmitAction { Title = lang.T("签收", "Sign for it"), Style = "positive", Data = Data(AcknowledgeVerb, tasks[0].Id) }
            : new SubmitAction
            {
                Title = lang.T($"全部签收({tasks.Count} 项)", $"Sign for all {tasks.Count}"), Style = "positive",
                Data = new JsonObject { ["verb"] = AcknowledgeVerb, [TaskIdsField] = string.Join(",", tasks.Select(t => t.Id)) },
            });
        return card;
    }

    /// <summary>The card field of 全部签收: the task numbers, comma-separated.</summary>
    public const string TaskIdsField = "taskIds";

    private const int MaxListed = 15;

    /// <summary>催办 posted in the group: the owners @mentioned, the task, and the 更新进度 button.</summary>
    public static AdaptiveCard Chase(Lang lang, PlanTask t, string mentionText, string chaser, DateOnly today, int yellowDays)
    {
        var card = new AdaptiveCard().Add(
            TextBlock.Heading(lang.T($"催办:任务 #{t.Id}", $"Chasing task #{t.Id}")),
            new TextBlock(lang.T($"{mentionText} 请尽快报告“{t.Title}”的进展。({chaser} 催办)", $"{mentionText} please report progress on \"{t.Title}\". (chased by {chaser})")) { Wrap = true },
            PlanTaskCards.Facts(lang, t, today, yellowDays));
        card.AddAction(new SubmitAction { Title = lang.T("更新进度", "Update progress"), Style = "positive", Data = Data(PlanTaskCards.ProgressFormVerb, t.Id) });
        return card;
    }

    /// <summary>The 延期申请 form: new date and reason.</summary>
    public static AdaptiveCard ExtensionForm(Lang lang, PlanTask t, DateOnly today, int yellowDays, string? error = null)
    {
        var card = new AdaptiveCard().Add(TextBlock.Heading(lang.T($"申请延期:任务 #{t.Id}", $"Ask for more time: task #{t.Id}")), PlanTaskCards.Facts(lang, t, today, yellowDays));
        if (error is not null) card.Add(TextBlock.Error(error));
        card.Add(
            new DateInput { Id = "to", Label = lang.T("延期至", "New due date"), Min = t.DueDate.AddDays(1).ToString("yyyy-MM-dd"), IsRequired = true,
                ErrorMessage = lang.T("请选择晚于原时限的日期", "Choose a date after the current due date") },
            new TextInput { Id = "reason", Label = lang.T("延期原因", "Reason"), IsMultiline = true, IsRequired = true, MaxLength = 500,
                ErrorMessage = lang.T("请填写延期原因", "Give a reason") });
        card.AddAction(new SubmitAction { Title = lang.T("提交申请", "Submit"), Style = "positive", Data = Data(ExtensionVerb, t.Id) });
        return card;
    }

    /// <summary>The admins' card for a 延期申请: approve or refuse.</summary>
    public static AdaptiveCard ExtensionDecision(Lang lang, PlanTask t, ExtensionRequest r, string adminsText, DateOnly today, int yellowDays)
    {
        var card = new AdaptiveCard().Add(
            TextBlock.Heading(lang.T($"延期申请:任务 #{t.Id}", $"Extension request: task #{t.Id}")),
            new TextBlock(lang.T($"{adminsText} 请审批。", $"{adminsText} please decide.")) { Wrap = true },
            PlanTaskCards.Facts(lang, t, today, yellowDays),
            new FactSet()
                .Add(lang.T("申请人", "Asked by"), r.ByName)
                .Add(lang.T("延期至", "New due date"), $"{lang.Date(r.FromDate)} → {lang.Date(r.ToDate)}")
                .Add(lang.T("原因", "Reason"), r.Reason));
        card.AddAction(new SubmitAction { Title = lang.T("同意延期", "Approve"), Style = "positive", Data = Data(ApproveExtensionVerb, t.Id) });
        card.AddAction(new SubmitAction { Title = lang.T("不同意", "Refuse"), Data = Data(RefuseExtensionVerb, t.Id) });
        return card;
    }

    /// <summary>A task put to 验收: accept or return (the admins' card).</summary>
    public static AdaptiveCard Acceptance(Lang lang, PlanTask t, string adminsText, DateOnly today, int yellowDays)
    {
        var card = new AdaptiveCard().Add(
            TextBlock.Heading(lang.T($"待验收:任务 #{t.Id}", $"To accept: task #{t.Id}")),
            new TextBlock(lang.T($"{adminsText} 请验收。", $"{adminsText} please review.")) { Wrap = true },
            PlanTaskCards.Facts(lang, t, today, yellowDays),
            new FactSet().Add(lang.T("办结反馈", "Feedback"), t.Feedback ?? ""));
        card.AddAction(new SubmitAction { Title = lang.T("验收通过", "Accept"), Style = "positive", Data = Data(AcceptVerb, t.Id) });
        card.AddAction(new SubmitAction { Title = lang.T("退回", "Return"), Data = Data(ReturnFormVerb, t.Id) });
        return card;
    }

    /// <summary>The return form: the reason the owners will see.</summary>
    public static AdaptiveCard ReturnForm(Lang lang, PlanTask t, DateOnly today, int yellowDays)
    {
        var card = new AdaptiveCard().Add(TextBlock.Heading(lang.T($"退回任务 #{t.Id}", $"Return task #{t.Id}")), PlanTaskCards.Facts(lang, t, today, yellowDays),
            new TextInput { Id = "reason", Label = lang.T("退回原因", "Reason"), IsMultiline = true, IsRequired = true, MaxLength = 500,
                ErrorMessage = lang.T("请填写退回原因", "Give a reason") });
        card.AddAction(new SubmitAction { Title = lang.T("退回", "Return"), Data = Data(ReturnVerb, t.Id) });
        return card;
    }

    /// <summary>Tasks not signed for within the allowed working days, for the admins.</summary>
    public static AdaptiveCard NotAcknowledged(Lang lang, IReadOnlyList<PlanTask> tasks, string adminsText, int workingDays, DateOnly today, int yellowDays)
    {
        var card = new AdaptiveCard().Add(
            TextBlock.Title(lang.T($"超过 {workingDays} 个工作日未签收的任务", $"Tasks not signed for within {workingDays} working days")),
            new TextBlock(adminsText) { Wrap = true });
        foreach (var t in tasks.Take(PlanTaskCards.MaxRows))
            card.Add(new TextBlock(PlanTaskCards.Line(lang, t, today, yellowDays, withOwner: true)) { Spacing = "Small" });
        return card;
    }
}
