using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Storage.PlanTasks;

namespace ChatBot.Cards.PlanTasks;

/// <summary>The plan-task cards: lists with traffic lights, progress and completion forms, import preview, task form, digest.</summary>
public static class PlanTaskCards
{
    public const string ProgressVerb = "task.progress";
    /// <summary>Rows a list card shows at most (Teams cards are limited to about 28 KB).</summary>
    public const int MaxRows = 60;

    public static string Marker(TaskUrgency u) => u switch
    {
        TaskUrgency.Overdue => "🔴",
        TaskUrgency.DueSoon => "🟡",
        TaskUrgency.OnTrack => "🟢",
        _ => "✅",
    };

    public static string? Color(TaskUrgency u) => u switch
    {
        TaskUrgency.Overdue => "Attention",
        TaskUrgency.DueSoon => "Warning",
        TaskUrgency.OnTrack => "Good",
        _ => null,
    };

    public static string StatusText(Lang lang, PlanTaskStatus s) => s switch
    {
        PlanTaskStatus.NotStarted => lang.T("未开始", "Not started"),
        PlanTaskStatus.InProgress => lang.T("进行中", "In progress"),
        PlanTaskStatus.Done => lang.T("已办结", "Done"),
        PlanTaskStatus.PendingAcceptance => lang.T("待验收", "Awaiting acceptance"),
        _ => lang.T("已取消", "Cancelled"),
    };

    /// <summary>"张三、李四(司法所)": the owners, the department in brackets after them (alone without them), else "unassigned".</summary>
    public static string OwnersText(Lang lang, PlanTask t)
    {
        var s = new DefaultInterpolatedStringHandler(0, 0, null, stackalloc char[128]);
        AppendOwners(ref s, lang, t);
        return s.ToStringAndClear();
    }

    private static void AppendOwners(ref DefaultInterpolatedStringHandler s, Lang lang, PlanTask t)
    {
        var owners = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(t.Owners);
        var named = owners.Length > 1 || (owners.Length == 1 && owners[0].Length > 0); // the joined names are not empty
        for (var i = 0; i < owners.Length; i++)
        {
            if (i > 0) s.AppendFormatted("、");
            s.AppendFormatted(owners[i]);
        }
        if (t.Department.Length > 0)
        {
            if (named) s.AppendFormatted("(");
            s.AppendFormatted(t.Department);
            if (named) s.AppendFormatted(")");
        }
        else if (!named)
            s.AppendFormatted(lang.IsZh ? "未指定" : "unassigned");
    }

    /// <summary>"🔴 #12 标题 · 截止3月5日(逾期5天)· 30%", with " · 张三、李四(司法所)" when <paramref name="withOwner"/>.</summary>
    public static string Line(Lang lang, PlanTask t, DateOnly today, int yellowDays, bool withOwner = false)
    {
        // Written into one buffer, in the language needed only: the reminders write tens of thousands of lines a
        // Monday, and each piece as a string of its own was a third of their allocations.
        var zh = lang.IsZh;
        var u = t.UrgencyOn(today, yellowDays);
        var s = new DefaultInterpolatedStringHandler(0, 0, null, stackalloc char[256]);
        s.AppendFormatted(Marker(u));
        s.AppendFormatted(" #");
        s.AppendFormatted(t.Id);
        s.AppendFormatted(" ");
        s.AppendFormatted(t.Title);
        if (zh)
        {
            s.AppendFormatted(" · 截止");
            s.AppendFormatted(t.DueDate.Month);
            s.AppendFormatted("月");
            s.AppendFormatted(t.DueDate.Day);
            s.AppendFormatted("日(");
        }
        else
        {
            s.AppendFormatted(" · due ");
            s.AppendFormatted(t.DueDate, "yyyy-MM-dd");
            s.AppendFormatted("(");
        }
        switch (u)
        {
            case TaskUrgency.Overdue when zh:
                s.AppendFormatted("逾期");
                s.AppendFormatted(t.DaysOverdue(today));
                s.AppendFormatted("天");
                break;
            case TaskUrgency.Overdue:
                s.AppendFormatted(t.DaysOverdue(today));
                s.AppendFormatted(" days overdue");
                break;
            case TaskUrgency.DueSoon when t.DueDate == today:
                s.AppendFormatted(zh ? "今天到期" : "due today");
                break;
            case TaskUrgency.DueSoon when zh:
                s.AppendFormatted(t.DueDate.DayNumber - today.DayNumber);
                s.AppendFormatted("天后到期");
                break;
            case TaskUrgency.DueSoon:
                s.AppendFormatted("due in ");
                s.AppendFormatted(t.DueDate.DayNumber - today.DayNumber);
                s.AppendFormatted(" days");
                break;
            default:
                s.AppendFormatted(StatusText(lang, t.Status));
                break;
        }
        s.AppendFormatted(")· ");
        s.AppendFormatted(t.Progress);
        s.AppendFormatted("%");
        if (withOwner)
        {
            s.AppendFormatted(" · ");
            AppendOwners(ref s, lang, t);
            if (t.HasSupervision && t.Supervision.SupportUnits.Count > 0)
            {
                s.AppendFormatted(zh ? " · 配合:" : " · with ");
                s.AppendFormatted(string.Join("、", t.Supervision.SupportUnits));
            }
        }
        if (t.HasSupervision) SupervisionCards.AppendMarks(ref s, lang, t);
        return s.ToStringAndClear();
    }

    private static TextBlock Row(Lang lang, PlanTask t, DateOnly today, int yellowDays, bool withOwner) =>
        new(Line(lang, t, today, yellowDays, withOwner)) { Color = Color(t.UrgencyOn(today, yellowDays)), Spacing = "Small" };

    /// <summary>A list row; an overdue or yellow task gets its 催办 button under it (#24) when <paramref name="chase"/>.</summary>
    private static void AddRow(AdaptiveCard card, Lang lang, PlanTask t, DateOnly today, int yellowDays, bool withOwner, bool chase)
    {
        card.Add(Row(lang, t, today, yellowDays, withOwner));
        if (chase && t.UrgencyOn(today, yellowDays) is TaskUrgency.Overdue or TaskUrgency.DueSoon)
            card.Add(new ActionSet { Spacing = "None", Actions = [SupervisionCards.ChaseButton(lang, t)] });
    }

    /// <summary>Tasks grouped by owner (a task with two owners is listed under each), most urgent first.</summary>
    public static AdaptiveCard ByOwner(Lang lang, string title, IReadOnlyList<PlanTask> tasks, DateOnly today, int yellowDays, string? footer = null, bool chaseButtons = false)
    {
        var card = new AdaptiveCard().Add(TextBlock.Title(title),
            TextBlock.Subtle(lang.T($"截至{lang.Date(today)} · 🔴 已逾期 🟡 {yellowDays}天内到期 🟢 正常",
                $"As of {lang.Date(today)} · 🔴 overdue 🟡 due within {yellowDays} days 🟢 on track")));
        var rows = 0;
        // Groups by earliest due date, then name; one pass over the tasks (the reminders build hundreds of these cards
        // of hundreds of tasks each), and a group's rows are sorted only when the card gets that far.
        foreach (var g in OwnerGroups(lang, tasks, today, yellowDays))
        {
            if (rows >= MaxRows) break;
            card.Add(new TextBlock(lang.IsZh ? $"{g.Owner}(逾期 {g.Overdue} 项,共 {g.Tasks.Count} 项)" : $"{g.Owner} ({g.Overdue} overdue of {g.Tasks.Count})")
                { Weight = "Bolder", Separator = true, Spacing = "Medium" });
            foreach (var t in IsByDueThenId(g.Tasks) ? (IEnumerable<PlanTask>)g.Tasks : g.Tasks.OrderBy(t => t.DueDate).ThenBy(t => t.Id))
            {
                if (rows++ >= MaxRows) break;
                AddRow(card, lang, t, today, yellowDays, false, chaseButtons);
            }
        }
        if (tasks.Count == 0) card.Add(new TextBlock(lang.T("没有需要提醒的任务。", "No tasks to show.")) { Color = "Good" });
        AddFooter(lang, card, rows, footer);
        return card;
    }

    private sealed class OwnerGroup(string owner)
    {
        public string Owner { get; } = owner;
        public List<PlanTask> Tasks { get; } = new();
        public DateOnly EarliestDue { get; set; } = DateOnly.MaxValue;
        public int Overdue { get; set; }
    }

    /// <summary>A task is listed once per owner it names (twice if named twice); no owner: its department, else "no owner".</summary>
    private static List<OwnerGroup> OwnerGroups(Lang lang, IReadOnlyList<PlanTask> tasks, DateOnly today, int yellowDays)
    {
        var byOwner = new Dictionary<string, OwnerGroup>(StringComparer.Ordinal);
        string? noOwner = null;
        foreach (var t in tasks)
        {
            var overdue = t.UrgencyOn(today, yellowDays) == TaskUrgency.Overdue;
            if (t.Owners.Count > 0)
                foreach (var o in t.Owners) Add(o);
            else
                Add(t.Department.Length > 0 ? t.Department : noOwner ??= lang.T("未指定责任人", "No owner"));

            void Add(string owner)
            {
                if (!byOwner.TryGetValue(owner, out var g)) byOwner[owner] = g = new OwnerGroup(owner);
                g.Tasks.Add(t);
                if (t.DueDate < g.EarliestDue) g.EarliestDue = t.DueDate;
                if (overdue) g.Overdue++;
            }
        }
        var groups = byOwner.Values.ToList();
        groups.Sort((a, b) => a.EarliestDue != b.EarliestDue ? a.EarliestDue.CompareTo(b.EarliestDue) : string.CompareOrdinal(a.Owner, b.Owner));
        return groups;
    }

    private static int ByDueThenId(PlanTask a, PlanTask b) => a.DueDate != b.DueDate ? a.DueDate.CompareTo(b.DueDate) : a.Id.CompareTo(b.Id);

    private static bool IsByDueThenId(List<PlanTask> tasks)
    {
        for (var i = 1; i < tasks.Count; i++)
            if (ByDueThenId(tasks[i - 1], tasks[i]) > 0) return false;
        return true;
    }

    /// <summary>Tasks grouped by section (or flat when the plan has none).</summary>
    public static AdaptiveCard BySection(Lang lang, string title, IReadOnlyList<PlanTask> tasks, DateOnly today, int yellowDays, string? footer = null, bool chaseButtons = false)
    {
        var card = new AdaptiveCard().Add(TextBlock.Title(title));
        var rows = 0;
        foreach (var g in tasks.GroupBy(t => t.Section).OrderBy(g => g.Min(t => t.Id)))
        {
            if (rows >= MaxRows) break;
            if (g.Key.Length > 0) card.Add(new TextBlock(g.Key) { Weight = "Bolder", Separator = true, Spacing = "Medium" });
            foreach (var t in g.OrderBy(t => t.Id))
            {
                if (rows++ >= MaxRows) break;
                AddRow(card, lang, t, today, yellowDays, true, chaseButtons);
            }
        }
        if (tasks.Count == 0) card.Add(new TextBlock(lang.T("没有符合条件的任务。", "No matching tasks.")));
        AddFooter(lang, card, rows, footer);
        return card;
    }

    private static void AddFooter(Lang lang, AdaptiveCard card, int rows, string? footer)
    {
        if (rows > MaxRows) card.Add(TextBlock.Subtle(lang.T($"(仅显示前 {MaxRows} 条)", $"(first {MaxRows} rows shown)")));
        card.Add(TextBlock.Subtle(footer ?? lang.T("输入“更新进度 编号”报告进展,“办结 编号”提交办结反馈。", "Type \"update task N\" to report progress, \"complete N\" to close a task with feedback.")));
    }

    /// <summary>"2026年平安建设工作要点" as it is, "工作要点" as "2026 工作要点": the year once.</summary>
    public static string PlanName(int year, string title) =>
        title.Contains(year.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) ? title : $"{year} {title}";

    public static FactSet Facts(Lang lang, PlanTask t, DateOnly today, int yellowDays)
    {
        var facts = new FactSet()
            .Add(lang.T("任务", "Task"), $"#{t.Id} {t.Title}{(t.HasSupervision && t.Supervision.IsKey ? lang.T("【重点】", " [key]") : "")}")
            .Add(lang.T("板块", "Section"), t.Section)
            .Add(lang.T("计划", "Plan"), PlanName(t.PlanYear, t.PlanTitle))
            .Add(lang.T("责任人", "Owner"), OwnersText(lang, t));
        if (t.HasSupervision && t.Supervision.SupportUnits.Count > 0) facts.Add(lang.T("配合单位", "Supporting"), string.Join("、", t.Supervision.SupportUnits));
        facts.Add(lang.T("完成时限", "Due"), lang.Date(t.DueDate) + " " + Marker(t.UrgencyOn(today, yellowDays)))
            .Add(lang.T("状态", "Status"), $"{StatusText(lang, t.Status)} · {t.Progress}%");
        if (t.HasSupervision) SupervisionCards.AddFacts(facts, lang, t);
        return facts;
    }

    /// <summary>One task: facts, progress notes with author and time, completion feedback; a progress button while open.</summary>
    public static AdaptiveCard Details(Lang lang, PlanTask t, DateOnly today, int yellowDays, Func<DateTimeOffset, DateTimeOffset> toLocal)
    {
        var card = new AdaptiveCard().Add(TextBlock.Heading(lang.T($"任务 #{t.Id}", $"Task #{t.Id}")));
        if (t.HasSupervision) SupervisionCards.AddInstructions(card, lang, t, toLocal); // 领导批示 first
        card.Add(Facts(lang, t, today, yellowDays));
        card.Add(new TextBlock(lang.T("进展记录", "Progress notes")) { Weight = "Bolder", Separator = true });
        if (t.Notes.Count == 0) card.Add(TextBlock.Subtle(lang.T("暂无", "None yet")));
        foreach (var n in t.Notes.TakeLast(20))
            card.Add(new TextBlock($"{lang.DateTime(toLocal(n.AtUtc))} · {n.AuthorName} · {n.Progress}%{(n.Text.Length > 0 ? " · " + n.Text : "")}") { Size = "Small", Spacing = "None" });
        if (t.Feedback is not null)
            card.Add(new TextBlock(lang.T("办结反馈", "Completion feedback")) { Weight = "Bolder", Separator = true },
                new TextBlock($"{t.Feedback}({string.Join(" ", new[] { t.CompletedBy, t.CompletedUtc is { } c ? lang.DateTime(toLocal(c)) : null }.Where(p => !string.IsNullOrWhiteSpace(p)))})"));
        if (t.IsOpen) card.AddAction(new SubmitAction { Title = lang.T("更新进度", "Update progress"), Data = new JsonObject { ["verb"] = ProgressFormVerb, ["taskId"] = t.Id } });
        SupervisionCards.AddDetailsActions(card, lang, t, today, yellowDays);
        return card;
    }

    /// <summary>Opens the progress form of a task (button on the details card).</summary>
    public const string ProgressFormVerb = "task.progress.form";

    /// <summary>The progress form (verb task.progress, carrying the task id).</summary>
    public static AdaptiveCard Progress(Lang lang, PlanTask t, DateOnly today, int yellowDays, string? error = null)
    {
        var card = new AdaptiveCard().Add(TextBlock.Heading(lang.T("更新任务进度", "Update task progress")), Facts(lang, t, today, yellowDays));
        if (t.Notes.Count > 0)
        {
            var last = t.Notes[^1];
            card.Add(TextBlock.Subtle(lang.T($"上次:{last.AuthorName} {last.Progress}% {last.Text}", $"Last: {last.AuthorName} {last.Progress}% {last.Text}")));
        }
        if (error is not null) card.Add(TextBlock.Error(error));
        card.Add(
            new NumberInput { Id = "progress", Label = lang.T("完成进度(0-100%)", "Progress (0-100 %)"), Min = 0, Max = 100, Value = t.Progress, IsRequired = true,
                ErrorMessage = lang.T("请输入 0 到 100 之间的数", "Enter a number from 0 to 100") },
            new TextInput { Id = "note", Label = lang.T("进展情况", "What was done"), IsMultiline = true, MaxLength = 1000,
                Placeholder = lang.T("例如:已完成初稿,正在征求意见", "e.g. draft done, collecting comments") });
        card.AddAction(new SubmitAction { Title = lang.T("提交进度", "Submit"), Style = "positive", Data = new JsonObject { ["verb"] = ProgressVerb, ["taskId"] = t.Id } });
        return card;
    }

    /// <summary>The completion form; answered through the completion dialog (the feedback input is named "text").</summary>
    public static AdaptiveCard Complete(Lang lang, PlanTask t, DateOnly today, int yellowDays)
    {
        var card = new AdaptiveCard().Add(TextBlock.Heading(lang.T("办结任务", "Complete task")), Facts(lang, t, today, yellowDays),
            new TextInput
            {
                Id = "text", Label = lang.T("办结反馈(必填)", "Completion feedback (required)"), IsMultiline = true, IsRequired = true, MaxLength = 2000,
                Placeholder = lang.T("完成了什么、成果材料在哪里", "What was achieved and where the results are"),
                ErrorMessage = lang.T("办结必须填写反馈", "Feedback is required to complete a task"),
            });
        card.AddAction(new SubmitAction { Title = lang.T("确认办结", "Complete"), Style = "positive", Data = new JsonObject { ["taskId"] = t.Id } });
        card.AddAction(new SubmitAction { Title = lang.T("取消", "Cancel"), AssociatedInputs = "none", Data = new JsonObject { ["verb"] = "cancel" } });
        return card;
    }

    /// <summary>The import preview with confirm / cancel buttons (answers a confirm prompt).</summary>
    public static AdaptiveCard ImportPreview(Lang lang, string planTitle, int year, IReadOnlyList<PlanTaskDraft> tasks, IReadOnlyList<string> problems, int existing)
    {
        var card = new AdaptiveCard().Add(
            TextBlock.Heading(lang.T("导入预览", "Import preview")),
            new FactSet().Add(lang.T("计划", "Plan"), PlanName(year, planTitle))
                .Add(lang.T("识别任务", "Tasks found"), tasks.Count.ToString())
                .Add(lang.T("其中已存在(将更新)", "Already saved (will be updated)"), existing.ToString()));
        var rows = 0;
        foreach (var g in tasks.GroupBy(t => t.Section))
        {
            if (rows >= MaxRows) break;
            if (g.Key.Length > 0) card.Add(new TextBlock(g.Key) { Weight = "Bolder", Separator = true });
            foreach (var t in g)
            {
                if (rows++ >= MaxRows) break;
                var who = string.Join("、", System.Runtime.InteropServices.CollectionsMarshal.AsSpan(t.Owners)); // the span overload: no enumerator per row
                if (t.Department.Length > 0) who = who.Length > 0 ? $"{who}({t.Department})" : t.Department;
                // The escaped dot keeps markdown from turning each row into a list that restarts at 1.
                card.Add(new TextBlock($"{rows}\\. {t.Title} · {lang.Date(t.DueDate)}{(who.Length > 0 ? " · " + who : "")}") { Spacing = "Small" });
            }
        }
        if (rows > MaxRows) card.Add(TextBlock.Subtle(lang.T($"(仅显示前 {MaxRows} 项,确认后全部导入)", $"(first {MaxRows} shown; all are imported)")));
        if (problems.Count > 0)
        {
            card.Add(new TextBlock(lang.T($"以下 {problems.Count} 处未能识别,不会导入:", $"{problems.Count} item(s) not understood and not imported:")) { Color = "Warning", Weight = "Bolder", Separator = true });
            foreach (var p in problems.Take(20)) card.Add(new TextBlock(p) { Color = "Warning", Size = "Small", Spacing = "None" });
        }
        if (tasks.Count > 0) card.AddAction(new SubmitAction { Title = lang.T("确认导入", "Import"), Style = "positive", Data = new JsonObject { ["choice"] = "yes" } });
        card.AddAction(new SubmitAction { Title = lang.T("取消", "Cancel"), Data = new JsonObject { ["choice"] = "no" } });
        return card;
    }

    /// <summary>Add / edit one task (answers a form prompt); <paramref name="prefill"/> fills a new task's fields.</summary>
    public static AdaptiveCard TaskForm(Lang lang, PlanTask? t, int defaultYear, string defaultPlan, IReadOnlyList<string>? errors = null, PlanTaskDraft? prefill = null)
    {
        var card = new AdaptiveCard().Add(TextBlock.Heading(t is null ? lang.T("新建任务", "New task") : lang.T($"编辑任务 #{t.Id}", $"Edit task #{t.Id}")));
        foreach (var e in errors ?? []) card.Add(TextBlock.Error(e));
        var owners = t?.Owners ?? prefill?.Owners;
        var due = t?.DueDate ?? (prefill is { DueDate: var d } && d != default ? d : null);
        card.Add(
            new TextInput { Id = "plan", Label = lang.T("计划名称", "Plan"), Value = t?.PlanTitle ?? defaultPlan, MaxLength = 200 },
            new NumberInput { Id = "year", Label = lang.T("年度", "Year"), Value = t?.PlanYear ?? defaultYear, Min = 2000, Max = 2100,
                IsRequired = true, ErrorMessage = lang.T("请填写 2000–2100 之间的年度", "Enter a year between 2000 and 2100") },
            new TextInput { Id = "section", Label = lang.T("板块", "Section"), Value = t?.Section, MaxLength = 200, Placeholder = "(三)进一步规范行政执法行为" },
            new TextInput { Id = "title", Label = lang.T("任务内容", "Task"), Value = t?.Title ?? prefill?.Title, IsRequired = true, IsMultiline = true, MaxLength = 1000,
                ErrorMessage = lang.T("请填写任务内容", "Enter the task") },
            new TextInput { Id = "owners", Label = lang.T("责任人(多人用、分隔)", "Owners (separate with 、 or ,)"), Value = owners is { Count: > 0 } ? string.Join("、", owners) : null, MaxLength = 200 },
            new TextInput { Id = "department", Label = lang.T("牵头单位", "Lead unit"), Value = t?.Department ?? (prefill?.Department is { Length: > 0 } dept ? dept : null), MaxLength = 100 },
            new TextInput { Id = "support", Label = lang.T("配合单位(多个用、分隔)", "Supporting units (separate with 、 or ,)"), MaxLength = 200,
                Value = (t is { HasSupervision: true } ? t.Supervision.SupportUnits : prefill?.SupportUnits) is { Count: > 0 } units ? string.Join("、", units) : null },
            new ToggleInput { Id = "key", Title = lang.T("重点任务(办结需验收)", "Key task (acceptance needed)"), ValueOn = "true", ValueOff = "false",
                Value = (t is { HasSupervision: true } ? t.Supervision.IsKey : prefill?.IsKey ?? false) ? "true" : "false" },
            new DateInput { Id = "due", Label = lang.T("完成时限", "Due date"), Value = due?.ToString("yyyy-MM-dd"), IsRequired = true,
                ErrorMessage = lang.T("请选择完成时限", "Choose a due date") });
        card.AddAction(new SubmitAction { Title = lang.T("保存", "Save"), Style = "positive", Data = new JsonObject { ["form"] = "task" } });
        card.AddAction(new SubmitAction { Title = lang.T("取消", "Cancel"), AssociatedInputs = "none", Data = new JsonObject { ["verb"] = "cancel" } });
        return card;
    }

    /// <summary>The Monday digest: progress of every task of the workspace's plans (每星期一公开进度).</summary>
    public static AdaptiveCard Digest(Lang lang, string week, TaskOverview tasks, DateOnly today, int yellowDays)
    {
        // One pass over the headers for the counts and the sections (the Monday tick builds one digest per group, of
        // every task); only the tasks shown are read in full.
        int listed = 0, done = 0, inProgress = 0, notStarted = 0, overdue = 0, dueSoon = 0;
        var sections = new Dictionary<string, SectionGroup>(StringComparer.Ordinal);
        for (var i = 0; i < tasks.Count; i++)
        {
            var t = tasks[i];
            switch (t.Status)
            {
                case PlanTaskStatus.Done: done++; break;
                case PlanTaskStatus.InProgress: inProgress++; break;
                case PlanTaskStatus.NotStarted: notStarted++; break;
            }
            switch (t.UrgencyOn(today, yellowDays))
            {
                case TaskUrgency.Overdue: overdue++; break;
                case TaskUrgency.DueSoon: dueSoon++; break;
            }
            if (t.Status == PlanTaskStatus.Cancelled) continue;
            listed++;
            // Most plans have one section or none: the first one is sized for every task.
            if (!sections.TryGetValue(t.Section, out var g))
                sections[t.Section] = g = new SectionGroup(t.Section, sections.Count, sections.Count == 0 ? tasks.Count : 0);
            // Number, then position: equal numbers keep their order (Array.Sort below is not stable).
            g.Keys.Add(((long)t.Id << 32) | (uint)i);
            g.MinId = Math.Min(g.MinId, t.Id);
        }
        var card = new AdaptiveCard().Add(
            TextBlock.Title(lang.T($"工作计划进度公开({week})", $"Plan progress ({week})")),
            new FactSet()
                .Add(lang.T("任务总数", "Tasks"), listed.ToString())
                .Add(lang.T("已办结", "Done"), done.ToString())
                .Add(lang.T("进行中", "In progress"), inProgress.ToString())
                .Add(lang.T("未开始", "Not started"), notStarted.ToString())
                .Add(lang.T("🔴 已逾期", "🔴 Overdue"), overdue.ToString())
                .Add(lang.T("🟡 即将到期", "🟡 Due soon"), dueSoon.ToString()));
        var rows = 0;
        // Sections by their first task number (ties: first seen), rows by task number (ties: as given).
        var ordered = sections.Values.ToList();
        ordered.Sort((a, b) => a.MinId != b.MinId ? a.MinId.CompareTo(b.MinId) : a.Seen.CompareTo(b.Seen));
        foreach (var g in ordered)
        {
            if (rows >= MaxRows) break;
            if (g.Key.Length > 0) card.Add(new TextBlock(g.Key) { Weight = "Bolder", Separator = true, Spacing = "Medium" });
            var keys = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(g.Keys);
            // Only the rows still to show (one more tells the footer there are more): sorting every task of a big
            // section was a tenth of a Monday tick.
            keys = SmallestSorted(keys, MaxRows + 1 - rows);
            foreach (var key in keys)
            {
                if (rows++ >= MaxRows) break;
                card.Add(Row(lang, tasks.Task((int)(uint)key), today, yellowDays, true));
            }
        }
        AddFooter(lang, card, rows, null);
        return card;
    }

    /// <summary>The <paramref name="count"/> smallest keys, in order, at the start of <paramref name="keys"/> (which is reordered); all of them, sorted, when there are no more.</summary>
    internal static Span<long> SmallestSorted(Span<long> keys, int count)
    {
        if (count < keys.Length)
        {
            // Quickselect: narrow [lo, hi] to the part holding position count - 1 until everything before it is smaller.
            int lo = 0, hi = keys.Length - 1, target = Math.Max(count - 1, 0);
            while (lo < hi)
            {
                long a = keys[lo], b = keys[lo + (hi - lo) / 2], c = keys[hi];
                var pivot = Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c)); // median of three
                int i = lo, j = hi;
                while (i <= j)
                {
                    while (keys[i] < pivot) i++;
                    while (keys[j] > pivot) j--;
                    if (i <= j) { (keys[i], keys[j]) = (keys[j], keys[i]); i++; j--; }
                }
                if (target <= j) hi = j;
                else if (target >= i) lo = i;
                else break; // between j and i everything equals the pivot
            }
            keys = keys[..Math.Max(count, 0)];
        }
        keys.Sort();
        return keys;
    }

    private sealed class SectionGroup(string key, int seen, int capacity)
    {
        public string Key { get; } = key;
        public int Seen { get; } = seen;
        public List<long> Keys { get; } = new(capacity);
        public int MinId { get; set; } = int.MaxValue;
    }
}
