using System.Text.Json.Nodes;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Storage.Study;

namespace ChatBot.Cards.Study;

/// <summary>The study feature's cards: the scheduling form, the list of upcoming sessions, reminders and the yearly figures.</summary>
public static class StudyCards
{
    public const string FormMarker = "study.schedule";
    public const string SignInVerb = "study.signin";
    public const string CancelOccurrenceVerb = "study.cancelOccurrence";
    public const string MoveOccurrenceVerb = "study.moveOccurrence";
    public const string MaterialsVerb = "study.materials";

    /// <summary>The scheduling form. Its submit carries no verb, so it answers the waiting form prompt.</summary>
    public static AdaptiveCard ScheduleForm(Lang lang, JsonObject? values = null, IReadOnlyList<string>? errors = null)
    {
        // Values as submitted: a number, list or object where text belongs is not shown again.
        string? V(string key) => values?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        var card = new AdaptiveCard().Add(TextBlock.Title(lang.T("安排学法活动", "Schedule a law-study session")));
        foreach (var e in errors ?? []) card.Add(TextBlock.Error(e));
        card.Add(
            new TextInput { Id = "title", Label = lang.T("主题", "Topic"), IsRequired = true, MaxLength = 100, Value = V("title"),
                Placeholder = lang.T("例如:每月一法——学习民法典", "e.g. Law of the month: the Civil Code"), ErrorMessage = lang.T("请填写主题", "Please enter a topic") },
            new TextInput { Id = "law", Label = lang.T("学习的法律法规", "Law studied"), IsRequired = true, MaxLength = 100, Value = V("law"),
                Placeholder = lang.T("宪法、民法典、行政复议法、信访工作条例……", "Constitution, Civil Code, Administrative Reconsideration Law, …"), ErrorMessage = lang.T("请填写法律法规名称", "Please name the law") },
            new ChoiceSetInput { Id = "format", Label = lang.T("形式", "Format"), Style = "compact", IsRequired = true, Value = V("format") ?? StudyFormat.Centralized.ToString(),
                Choices = StudyText.Formats.Select(f => new Choice(lang.T(f.Zh, f.En), f.Format.ToString())).ToList(), ErrorMessage = lang.T("请选择形式", "Please choose a format") },
            new TextInput { Id = "rule", Label = lang.T("时间(每月重复或单次)", "When (monthly or once)"), IsRequired = true, MaxLength = 60, Value = V("rule"),
                Placeholder = lang.T("每月第一个周五 15:00 / 每月15日 09:30 / 4月3日 15:00", "first Friday of every month 15:00 / 2026-04-03 15:00"), ErrorMessage = lang.T("请填写时间", "Please enter when") },
            new TextInput { Id = "meeting", Label = lang.T("所附会议(会前学法必填,如党委会)", "Meeting (for a pre-meeting study, e.g. Party committee)"), MaxLength = 50, Value = V("meeting") },
            new TextInput { Id = "presenter", Label = lang.T("主讲人(会前学法必填)", "Presenter (required for a pre-meeting study)"), MaxLength = 50, Value = V("presenter") },
            new TextInput { Id = "location", Label = lang.T("地点或会议链接(可选)", "Place or meeting link (optional)"), MaxLength = 300, Value = V("location") },
            new TextInput { Id = "materials", Label = lang.T("学习资料链接(可选)", "Materials link (optional)"), MaxLength = 500, Value = V("materials"), Style = "Url" },
            new TextInput { Id = "expected", Label = lang.T("应参学人员(可选,用逗号或顿号分隔)", "Expected participants (optional, comma separated)"), IsMultiline = true, MaxLength = 1000, Value = V("expected") });
        card.AddAction(new SubmitAction { Title = lang.T("保存", "Save"), Style = "positive", Data = new JsonObject { ["form"] = FormMarker } });
        card.AddAction(new SubmitAction { Title = lang.T("取消", "Cancel"), AssociatedInputs = "none", Data = new JsonObject { ["verb"] = "cancel" } });
        return card;
    }

    /// <summary>Replaces the submitted form (where the channel can update messages).</summary>
    public static AdaptiveCard FormReceipt(Lang lang, StudySession s) => new AdaptiveCard()
        .Add(TextBlock.Heading(lang.T("安排学法活动", "Schedule a law-study session")))
        .Add(new TextBlock(lang.T($"✅ 已保存为学法活动 #{s.Id}:{s.Title}", $"✅ Saved as study session #{s.Id}: {s.Title}")));

    /// <summary>Shown after saving: the session and its next occurrences.</summary>
    public static AdaptiveCard Saved(Lang lang, StudySession s, IReadOnlyList<StudyOccurrence> next, IReadOnlyList<string>? warnings = null)
    {
        var card = new AdaptiveCard().Add(TextBlock.Heading(lang.T($"已安排学法活动 #{s.Id}", $"Study session #{s.Id} scheduled")));
        card.Add(Facts(lang, s).Add(lang.T("时间", "When"), StudyText.Rule(lang, s.Rule)));
        if (next.Count > 0)
        {
            card.Add(new TextBlock(lang.T("接下来:", "Next:")) { Weight = "Bolder" });
            foreach (var o in next) card.Add(new TextBlock("• " + StudyText.When(lang, o)) { Spacing = "None" });
        }
        foreach (var w in warnings ?? []) card.Add(new TextBlock(w) { Color = "Warning" });
        card.AddAction(SubmitAction.For(lang.T("查看学法安排", "Upcoming sessions"), "study.list"));
        return card;
    }

    /// <summary>Upcoming occurrences, each with buttons to cancel or move just that one.</summary>
    public static AdaptiveCard Upcoming(Lang lang, IReadOnlyList<StudyOccurrence> occurrences, int days)
    {
        var card = new AdaptiveCard().Add(TextBlock.Heading(lang.T($"未来{days}天的学法安排", $"Study sessions in the next {days} days")));
        if (occurrences.Count == 0)
        {
            card.Add(new TextBlock(lang.T("暂无安排。输入“安排学法”新建。", "Nothing scheduled. Type \"schedule study\" to add one.")));
            return card;
        }
        foreach (var o in occurrences)
        {
            var c = new Container { Separator = true, Spacing = "Medium" };
            var status = o.Cancelled ? lang.T("(本次已取消)", " (cancelled)") : o.Moved ? lang.T("(已调整)", " (moved)") : "";
            c.Items.Add(new TextBlock($"#{o.Session.Id} {o.Session.Title}{status}") { Weight = "Bolder" });
            c.Items.Add(new TextBlock(StudyText.When(lang, o)) { Spacing = "None" });
            c.Items.Add(TextBlock.Subtle($"{o.Session.Law} · {StudyText.FormatOf(lang, o.Session)}{(o.Session.Location is { } l ? " · " + l : "")}"));
            if (o.Session.Presenter is { } presenter)
                c.Items.Add(TextBlock.Subtle(lang.T($"主讲:{presenter}", $"Presenter: {presenter}") + (StudyText.MaterialsOf(o) is { } materials
                    ? lang.T($" · 材料:{materials}", $" · Materials: {materials}") : lang.T(" · 材料:未提交", " · Materials: not yet given"))));
            if (!o.Cancelled)
            {
                var data = new { sessionId = o.Session.Id, date = o.Date.ToString("yyyy-MM-dd") };
                c.Items.Add(new ActionSet
                {
                    Actions =
                    [
                        SubmitAction.For(lang.T("取消本次", "Cancel this one"), CancelOccurrenceVerb, data),
                        SubmitAction.For(lang.T("调整时间", "Move"), MoveOccurrenceVerb, data),
                    ],
                });
            }
            card.Add(c);
        }
        return card;
    }

    /// <summary>Asks for the new date and time of one occurrence.</summary>
    public static AdaptiveCard MoveForm(Lang lang, StudyOccurrence o)
    {
        var card = new AdaptiveCard()
            .Add(TextBlock.Heading(lang.T($"调整 #{o.Session.Id} {o.Session.Title}", $"Move #{o.Session.Id} {o.Session.Title}")))
            .Add(new TextBlock(lang.T($"原定:{StudyText.When(lang, o)}。只调整这一次,其余不变。", $"Now: {StudyText.When(lang, o)}. Only this one moves; the series stays.")))
            .Add(new DateInput { Id = "newDate", Label = lang.T("新日期", "New date"), IsRequired = true, Value = o.LocalStart.ToString("yyyy-MM-dd"), ErrorMessage = lang.T("请选择日期", "Please pick a date") },
                 new TimeInput { Id = "newTime", Label = lang.T("开始时间", "Start time"), IsRequired = true, Value = o.LocalStart.ToString("HH:mm"), ErrorMessage = lang.T("请选择时间", "Please pick a time") });
        card.AddAction(SubmitAction.For(lang.T("确定调整", "Move it"), MoveOccurrenceVerb, new { sessionId = o.Session.Id, date = o.Date.ToString("yyyy-MM-dd") }));
        return card;
    }

    /// <summary>The reminder posted into the group: what, when, where, materials, and the sign-in button.</summary>
    public static AdaptiveCard Reminder(Lang lang, StudyOccurrence o, bool dayBefore)
    {
        var s = o.Session;
        var card = new AdaptiveCard()
            .Add(TextBlock.Heading(dayBefore ? lang.T("学法提醒:明天学法", "Reminder: law study tomorrow") : lang.T("学法提醒:即将开始", "Reminder: law study starts soon")))
            .Add(new TextBlock(s.Title) { Weight = "Bolder", Size = "Medium" })
            .Add(new FactSet()
                .Add(lang.T("时间", "When"), StudyText.When(lang, o))
                .Add(lang.T("学习内容", "Law"), s.Law)
                .Add(lang.T("形式", "Format"), StudyText.FormatOf(lang, s))
                .Add(lang.T("主讲人", "Presenter"), s.Presenter)
                .Add(lang.T("地点/链接", "Place / link"), s.Location)
                .Add(lang.T("学习资料", "Materials"), StudyText.MaterialsOf(o)))
            .Add(TextBlock.Subtle(lang.T("开始前30分钟至结束前可签到。", "Sign-in opens 30 minutes before the start and closes at the end.")));
        card.AddAction(SignInButton(lang, o));
        if (IsWebLink(s.MaterialsUrl)) card.AddAction(new OpenUrlAction { Title = lang.T("打开学习资料", "Open materials"), Url = s.MaterialsUrl! });
        if (IsWebLink(s.Location)) card.AddAction(new OpenUrlAction { Title = lang.T("进入会议", "Join meeting"), Url = s.Location! });
        return card;
    }

    public static SubmitAction SignInButton(Lang lang, StudyOccurrence o)
    {
        var b = SubmitAction.For(lang.T("签到", "Sign in"), SignInVerb, new { sessionId = o.Session.Id, date = o.Date.ToString("yyyy-MM-dd") });
        b.Style = "positive";
        return b;
    }

    /// <summary>The reminder as markdown, for channels without cards (WeCom group robots).</summary>
    public static string ReminderMarkdown(Lang lang, StudyOccurrence o, bool dayBefore)
    {
        var s = o.Session;
        var lines = new List<string>
        {
            $"**{(dayBefore ? lang.T("学法提醒:明天学法", "Reminder: law study tomorrow") : lang.T("学法提醒:即将开始", "Reminder: law study starts soon"))}**",
            $"> {s.Title}",
            $"> {lang.T("时间", "When")}: {StudyText.When(lang, o)}",
            $"> {lang.T("学习内容", "Law")}: {s.Law}({StudyText.FormatName(lang, s.Format)})",
        };
        if (s.Location is { } l) lines.Add($"> {lang.T("地点/链接", "Place / link")}: {l}");
        if (s.MaterialsUrl is { } m) lines.Add($"> {lang.T("学习资料", "Materials")}: [{m}]({m})");
        if (s.MaterialsOn(o.Date) is not null) lines.Add($"> {lang.T("主讲材料", "Presenter's materials")}: {StudyText.MaterialsOf(o)}");
        lines.Add(lang.T("开始前30分钟起,@我发送“签到”即可签到。", "From 30 minutes before the start, @mention me with \"sign in\" to sign in."));
        return string.Join("\n", lines);
    }

    /// <summary>The yearly figures: held, by format, by law, per session and per person.</summary>
    public static AdaptiveCard Stats(Lang lang, StudyYearFigures f, IReadOnlyList<ChatBot.Cards.Charts.ChartImage>? charts = null)
    {
        var card = new AdaptiveCard()
            .Add(TextBlock.Title(lang.T($"{f.Year}年学法统计", $"Law study {f.Year}")))
            .Add(new TextBlock(Summary(lang, f)));
        if (f.Held == 0) return card;
        ChatBot.Cards.Charts.ChartImage.AddTo(card, charts);
        var byFormat = new FactSet();
        foreach (var (format, count) in f.ByFormat) byFormat.Add(StudyText.FormatName(lang, format), lang.T($"{count}次", $"{count}"));
        var byLaw = new FactSet();
        foreach (var (law, count) in f.ByLaw) byLaw.Add(law, lang.T($"{count}次", $"{count}"));
        var sessions = new FactSet();
        foreach (var s in f.Sessions)
            sessions.Add($"{DateOnly.FromDateTime(s.Occurrence.LocalStart):MM-dd} {s.Occurrence.Session.Title}", SessionLine(lang, s));
        var people = new FactSet();
        foreach (var p in f.People) people.Add(p.Name, $"{p.Attended}/{p.Held}({StudyText.Percent(p.Rate)})");
        card.Add(TextBlock.Heading(lang.T("按形式", "By format")), byFormat,
            TextBlock.Heading(lang.T("按法律法规", "By law")), byLaw,
            TextBlock.Heading(lang.T("每次出勤(签到/应到)", "Each session (signed in / expected)")), sessions);
        if (f.People.Count > 0) card.Add(TextBlock.Heading(lang.T("个人参学(参加/举办)", "Per person (attended / held)")), people);
        return card;
    }

    /// <summary>"2/3(67%)" or "签到1人", plus the exam average when scores were recorded.</summary>
    public static string SessionLine(Lang lang, StudySessionFigures s)
    {
        var line = s.Expected is { } e ? $"{s.SignedIn}/{e}({StudyText.Percent(s.AttendanceRate!.Value)})" : lang.T($"签到{s.SignedIn}人", $"{s.SignedIn} signed in");
        if (s.AverageScore is { } avg) line += lang.T($",考试{s.Scored}人平均{avg:0.#}分", $", exam: {s.Scored} scored, average {avg:0.#}");
        return line;
    }

    public static string Summary(Lang lang, StudyYearFigures f)
    {
        if (f.Held == 0) return lang.T($"{f.Year}年尚无已举办的学法活动。", $"No study session was held in {f.Year} yet.");
        var rate = f.OverallRate is { } r ? lang.T($",平均出勤率{StudyText.Percent(r)}", $", average attendance {StudyText.Percent(r)}") : "";
        return lang.T($"{f.Year}年共组织学法活动{f.Held}次,参学{f.Attendances}人次{rate}。",
            $"In {f.Year}, {f.Held} study sessions were held with {f.Attendances} attendances{rate}.");
    }

    private static FactSet Facts(Lang lang, StudySession s) => new FactSet()
        .Add(lang.T("主题", "Topic"), s.Title)
        .Add(lang.T("学习内容", "Law"), s.Law)
        .Add(lang.T("形式", "Format"), StudyText.FormatOf(lang, s))
        .Add(lang.T("主讲人", "Presenter"), s.Presenter)
        .Add(lang.T("地点/链接", "Place / link"), s.Location)
        .Add(lang.T("学习资料", "Materials"), s.MaterialsUrl)
        .Add(lang.T("应参学人员", "Expected"), s.ExpectedParticipants.Count == 0 ? null : string.Join("、", s.ExpectedParticipants));

    /// <summary>Asks the presenter for the outline or materials link of one occurrence; the submit comes back to 学法材料.</summary>
    public static AdaptiveCard MaterialsForm(Lang lang, StudyOccurrence o)
    {
        var card = new AdaptiveCard()
            .Add(TextBlock.Heading(lang.T($"提交学法材料 · #{o.Session.Id} {o.Session.Title}", $"Materials · #{o.Session.Id} {o.Session.Title}")))
            .Add(new TextBlock(StudyText.When(lang, o)))
            .Add(new TextInput { Id = "materials", Label = lang.T("材料链接或提纲", "Materials link or outline"), IsMultiline = true, IsRequired = true, MaxLength = 2000,
                Value = StudyText.MaterialsOf(o), ErrorMessage = lang.T("请填写链接或提纲", "Please enter a link or an outline") });
        card.AddAction(SubmitAction.For(lang.T("提交", "Submit"), MaterialsVerb, new { sessionId = o.Session.Id, date = o.Date.ToString("yyyy-MM-dd") }));
        return card;
    }

    /// <summary>The presenter's reminder: the session, what is asked, and the button to give the materials.</summary>
    public static AdaptiveCard PresenterReminder(Lang lang, StudyOccurrence o, bool second, string? mention)
    {
        var s = o.Session;
        var card = new AdaptiveCard()
            .Add(TextBlock.Heading(second ? lang.T("学法主讲再次提醒", "Presenter reminder (second)") : lang.T("学法主讲提醒", "Presenter reminder")))
            .Add(new TextBlock(PresenterAsk(lang, o, second, mention)))
            .Add(new FactSet()
                .Add(lang.T("主题", "Topic"), s.Title)
                .Add(lang.T("时间", "When"), StudyText.When(lang, o))
                .Add(lang.T("学习内容", "Law"), s.Law)
                .Add(lang.T("形式", "Format"), StudyText.FormatOf(lang, s))
                .Add(lang.T("地点/链接", "Place / link"), s.Location));
        card.AddAction(SubmitAction.For(lang.T("提交提纲或材料", "Give the outline or materials"), MaterialsVerb, new { sessionId = s.Id, date = o.Date.ToString("yyyy-MM-dd") }));
        return card;
    }

    /// <summary>"张律师:您是 … 的主讲人,请提交提纲或材料链接:学法材料 3 2026-04-03 链接或提纲".</summary>
    public static string PresenterAsk(Lang lang, StudyOccurrence o, bool second, string? mention)
    {
        var who = mention is null ? "" : mention + lang.T(":", ": ");
        var command = $"{o.Session.Id} {o.Date:yyyy-MM-dd}";
        return second
            ? lang.T($"{who}“{o.Session.Title}”({StudyText.When(lang, o)})还有3天,尚未收到您的提纲或材料,请尽快提交:“学法材料 {command} 链接或提纲”。",
                $"{who}\"{o.Session.Title}\" ({StudyText.When(lang, o)}) is in 3 days and there is no outline or materials yet; please send them: \"study materials {command} <link or outline>\".")
            : lang.T($"{who}您是一周后“{o.Session.Title}”({StudyText.When(lang, o)})的主讲人,请提交提纲或材料链接:“学法材料 {command} 链接或提纲”。",
                $"{who}you present \"{o.Session.Title}\" ({StudyText.When(lang, o)}) in a week; please send the outline or a materials link: \"study materials {command} <link or outline>\".");
    }

    public static bool IsWebLink(string? s) =>
        Uri.TryCreate(s, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp);

    /// <summary>录入成绩's form: which exam, first sitting or make-up, and the list pasted one "name score" per line.</summary>
    public static AdaptiveCard ScoresForm(Lang lang, IReadOnlyList<StudyOccurrence> exams, int maxAttempts)
    {
        var card = new AdaptiveCard().Add(TextBlock.Title(lang.T("录入考试成绩", "Record exam scores")));
        card.Add(
            new ChoiceSetInput { Id = "occurrence", Label = lang.T("考试", "Exam"), Style = "compact", IsRequired = true, Value = $"{exams[0].Session.Id} {exams[0].Date:yyyy-MM-dd}",
                Choices = exams.Select(o => new Choice($"#{o.Session.Id} {o.Session.Title} {o.Date:yyyy-MM-dd}", $"{o.Session.Id} {o.Date:yyyy-MM-dd}")).ToList(),
                ErrorMessage = lang.T("请选择考试", "Please choose the exam") },
            new ChoiceSetInput { Id = "attempt", Label = lang.T("场次", "Sitting"), Style = "expanded", Value = "first",
                Choices = [new Choice(lang.T("首次考试(再次录入即更正)", "First sitting (entering again corrects)"), "first"),
                    new Choice(lang.T($"补考(记为下一次,最多{maxAttempts}次)", $"Make-up (the next sitting, at most {maxAttempts})"), "makeup")] },
            new TextInput { Id = "scores", Label = lang.T("成绩(每行一人:姓名 分数;未参加写“缺考”)", "Scores (one per line: name score; \"absent\" if they did not sit)"),
                IsMultiline = true, IsRequired = true, MaxLength = 5000, Placeholder = lang.T("王小明 95\n李娜 88\n张三 缺考", "Wang Xiaoming 95\nLi Na 88\nZhang San absent"),
                ErrorMessage = lang.T("请填写成绩", "Please enter the scores") });
        card.AddAction(new SubmitAction { Title = lang.T("保存成绩", "Save scores"), Style = "positive", Data = new JsonObject { ["verb"] = "study.scores" } });
        return card;
    }
}
