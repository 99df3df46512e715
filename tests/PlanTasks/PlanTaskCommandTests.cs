using System.Text;
using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.PlanTasks;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.PlanTasks;

public class PlanTaskCommandTests
{
    private const string Group = "19:group-1@thread.v2";
    private const string Ws = "msteams:tenant-1:19:group-1@thread.v2";

    private static BotHost NewHost() => new(settings: new() { ["Reminders:Enabled"] = "false" });

    private static Activity Say(string text, string conversation = Group, string locale = "zh-CN") => Activities.GroupMention(text, conversation: conversation, locale: locale);

    private static Activity Click(object value, string conversation = Group) => Activities.Submit(value, conversation: conversation, conversationType: "groupChat");

    private const string Csv = "计划,板块,任务,责任人,责任部门,完成时限\n"
        + "2026年依法行政工作计划,(三)进一步规范行政执法行为,全面推行行政执法公示制度,张三,综合执法办,2026-03-05\n"
        + "2026年依法行政工作计划,(三)进一步规范行政执法行为,开展执法案卷评查,李四,司法所,2026年3月14日\n"
        + "2026年依法行政工作计划,(四)法治宣传,宪法宣传周,王小明,司法所,年底\n";

    private static Activity WithCsv(Activity a, string csv, string name = "2026年计划.csv")
    {
        a.Attachments = [new Attachment { ContentType = "text/csv", Name = name, ContentUrl = "data:text/csv;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes("\uFEFF" + csv)) }];
        return a;
    }

    private static async Task ImportCsvAsync(BotHost host, string csv = Csv)
    {
        var preview = await host.SendAsync(WithCsv(Say("导入计划"), csv));
        Assert.Contains("导入预览", preview.AllText());
        var saved = await host.SendAsync(Click(new { choice = "yes" }));
        Assert.Contains("导入完成", saved.AllText());
    }

    [Fact]
    public async Task Csv_import_previews_then_saves_and_reimport_updates()
    {
        using var host = NewHost();
        var preview = await host.SendAsync(WithCsv(Say("导入计划"), Csv));
        var text = preview.AllText();
        Assert.Contains("全面推行行政执法公示制度", text);
        Assert.Contains("(三)进一步规范行政执法行为", text);
        Assert.Contains("确认导入", text);
        Assert.Empty(host.Service<PlanTaskStore>().All(Ws)); // nothing saved before the confirmation

        Assert.Contains("新增 3 项,更新 0 项", (await host.SendAsync(Click(new { choice = "yes" }))).AllText());
        var tasks = host.Service<PlanTaskStore>().All(Ws);
        Assert.Equal(3, tasks.Count);
        Assert.Equal(new DateOnly(2026, 12, 31), tasks.Single(t => t.Title == "宪法宣传周").DueDate);

        // The same plan again with a new deadline and owner for one task: updated, not duplicated.
        var changed = Csv.Replace("开展执法案卷评查,李四,司法所,2026年3月14日", "开展执法案卷评查,赵六,司法所,2026年4月底");
        await host.SendAsync(WithCsv(Say("导入计划"), changed));
        Assert.Contains("新增 0 项,更新 1 项,未变化 2 项", (await host.SendAsync(Click(new { choice = "yes" }))).AllText());
        var again = host.Service<PlanTaskStore>().All(Ws);
        Assert.Equal(3, again.Count);
        var review = again.Single(t => t.Title == "开展执法案卷评查");
        Assert.Equal(["赵六"], review.Owners);
        Assert.Equal(new DateOnly(2026, 4, 30), review.DueDate);
    }

    [Fact]
    public async Task Excel_attachment_is_imported()
    {
        using var host = NewHost();
        using var ms = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(ms, new[]
        {
            new Dictionary<string, object> { ["计划"] = "2026年依法行政工作计划", ["板块"] = "(一)制度建设", ["任务"] = "修订规范性文件", ["责任人"] = "张三", ["责任部门"] = "党政办", ["完成时限"] = new DateTime(2026, 5, 31) },
            new Dictionary<string, object> { ["计划"] = "2026年依法行政工作计划", ["板块"] = "(一)制度建设", ["任务"] = "清理文件", ["责任人"] = "李四", ["责任部门"] = "党政办", ["完成时限"] = "第二季度" },
        });
        var message = Say("导入计划");
        message.Attachments = [new Attachment
        {
            ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Name = "计划.xlsx",
            ContentUrl = "data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64," + Convert.ToBase64String(ms.ToArray()),
        }];
        Assert.Contains("识别到 2 项任务", (await host.SendAsync(message)).AllText());
        Assert.Contains("新增 2 项", (await host.SendAsync(Click(new { choice = "yes" }))).AllText());
        Assert.Equal([new DateOnly(2026, 5, 31), new DateOnly(2026, 6, 30)], host.Service<PlanTaskStore>().All(Ws).Select(t => t.DueDate));
    }

    [Fact]
    public async Task Pasted_outline_is_imported_after_confirmation_and_cancel_saves_nothing()
    {
        using var host = NewHost();
        var ask = await host.SendAsync(Say("导入计划"));
        Assert.Contains("请发送计划文件", ask.AllText());
        var preview = await host.SendAsync(Say(PlanImportParsingTests.Outline));
        Assert.Contains("识别到 3 项任务", preview.AllText());
        Assert.Contains("建立普法台账", preview.AllText()); // the unreadable item is listed as a problem
        Assert.Contains("已取消导入", (await host.SendAsync(Say("否"))).AllText());
        Assert.Empty(host.Service<PlanTaskStore>().All(Ws));

        await host.SendAsync(Say("导入计划\n" + PlanImportParsingTests.Outline));
        Assert.Contains("新增 3 项", (await host.SendAsync(Say("确认"))).AllText());
        Assert.Equal("(一)进一步规范行政执法行为", host.Service<PlanTaskStore>().All(Ws).First(t => t.Title == "全面推行行政执法公示制度").Section);
    }

    [Fact]
    public async Task A_file_that_is_not_a_plan_gets_a_polite_answer()
    {
        using var host = NewHost();
        var bad = Say("导入计划");
        bad.Attachments = [new Attachment { ContentType = "image/png", Name = "photo.png", ContentUrl = "data:image/png;base64,AAAA" }];
        Assert.Contains("只支持 .xlsx 或 .csv 文件", (await host.SendAsync(bad)).AllText());
        var blob = Say("");
        blob.Attachments = [new Attachment { ContentType = "text/csv", Name = "a.csv", ContentUrl = "blob:http://localhost/123" }];
        Assert.Contains("只在您的浏览器里", (await host.SendAsync(blob)).AllText());
        Assert.Contains("缺少“任务”或“完成时限”列", (await host.SendAsync(WithCsv(Say(""), "a,b\n1,2\n"))).AllText());
        Assert.Empty(host.Service<PlanTaskStore>().All(Ws));
    }

    [Fact]
    public async Task Overdue_lists_red_and_yellow_tasks_by_owner()
    {
        using var host = NewHost(); // the clock says Tuesday 2026-03-10
        await ImportCsvAsync(host);
        var reply = Assert.Single(await host.SendAsync(Say("逾期任务")));
        Assert.Contains("🔴 逾期 1 项 · 🟡 3天内到期 0 项 · 🟢 进展正常 2 项", reply.Text);
        var card = reply.AllText();
        Assert.Contains("张三(逾期 1 项,共 1 项)", card);
        Assert.Contains("🔴 #1 全面推行行政执法公示制度", card);
        Assert.Contains("\"color\":\"Attention\"", reply.Card()!.Value.GetRawText());
        Assert.DoesNotContain("宪法宣传周", card);

        host.Clock.Advance(TimeSpan.FromDays(1)); // Wednesday: #2 (due 03-14) is now within 3 days (edge: 3 days ahead)
        var next = Assert.Single(await host.SendAsync(Say("overdue", locale: "en-US")));
        Assert.Contains("1 overdue · 🟡 1 due within 3 days", next.Text);
        Assert.Contains("Warning", next.Card()!.Value.GetRawText());

        var list = await host.SendAsync(Say("任务列表 部门 司法所"));
        Assert.Contains("开展执法案卷评查", list.AllText());
        Assert.DoesNotContain("全面推行行政执法公示制度", list.AllText());
        var mine = await host.SendAsync(Say("我的任务")); // user-1 is 王小明
        Assert.Contains("宪法宣传周", mine.AllText());
        Assert.DoesNotContain("开展执法案卷评查", mine.AllText());
    }

    [Fact]
    public async Task The_progress_digest_is_there_on_demand_with_every_task()
    {
        using var host = NewHost(); // Tuesday 2026-03-10, ISO week 11
        Assert.Contains("本群还没有工作计划任务", Assert.Single(await host.SendAsync(Say("进度公开"))).Text);
        await ImportCsvAsync(host);
        host.Service<PlanTaskStore>().Complete(Ws, 2, "已完成评查", new Actor("msteams:user-1", "王小明"), host.Clock.GetUtcNow());

        var reply = Assert.Single(await host.SendAsync(Say("进度公开")));
        Assert.Equal("📋 本周工作计划进度公开:共 3 项,已办结 1 项,逾期 1 项。", reply.Text);
        var card = reply.AllText();
        Assert.Contains("工作计划进度公开(第11周,3月9日–3月15日)", card);
        Assert.Contains("全面推行行政执法公示制度", card); // overdue
        Assert.Contains("开展执法案卷评查", card);         // done
        Assert.Contains("宪法宣传周", card);               // on track: the digest lists every task, not only the late ones
        BotHost.AssertCardsValid([reply]);

        var english = Assert.Single(await host.SendAsync(Say("weekly progress", locale: "en-US")));
        Assert.Equal("📋 Weekly plan progress: 3 tasks, 1 done, 1 overdue.", english.Text);
        Assert.Contains("Plan progress (week 11, Mar 9 – Mar 15)", english.AllText());
    }

    [Fact]
    public async Task In_a_WeCom_group_the_progress_digest_comes_as_text_lines()
    {
        using var h = new ChatBot.Tests.WeCom.WeComChannelHarness();
        var ws = $"wecom:{ChatBot.Tests.WeCom.WeComChannelHarness.AiBotId}:{ChatBot.Tests.WeCom.WeComChannelHarness.ChatId}";
        await h.PostRobotAsync(ChatBot.Tests.WeCom.WeComChannelHarness.GroupText("帮助")); // the group becomes a workspace
        h.Host.Service<PlanTaskStore>().Import(ws, [
            new PlanTaskDraft { PlanYear = 2026, PlanTitle = "2026年依法行政工作计划", Section = "(三)规范执法", Title = "执法公示", Owners = ["张三"], Department = "综合执法办", DueDate = new(2026, 3, 6) },
            new PlanTaskDraft { PlanYear = 2026, PlanTitle = "2026年依法行政工作计划", Section = "(四)普法", Title = "宪法宣传周", Owners = ["李四"], Department = "司法所", DueDate = new(2026, 12, 10) },
        ], new Actor("wecom:zhangsan", "张三"), h.Host.Clock.GetUtcNow());

        var reply = await h.PostRobotAsync(ChatBot.Tests.WeCom.WeComChannelHarness.GroupText("进度公开"));
        var text = (string)reply!["stream"]!["content"]!;
        Assert.Contains("本周工作计划进度公开:共 2 项,已办结 0 项,逾期 1 项。", text);
        Assert.Contains("(三)规范执法", text);
        Assert.Contains("#1 执法公示", text);
        Assert.Contains("#2 宪法宣传周", text);
        Assert.Null(reply["template_card"]); // no card: the lines are the answer
    }

    [Fact]
    public async Task Progress_by_card_and_by_text_with_validation()
    {
        using var host = NewHost();
        await ImportCsvAsync(host);
        var card = Assert.Single(await host.SendAsync(Say("更新进度 1")));
        Assert.Contains("task.progress", card.Card()!.Value.GetRawText());
        Assert.Contains("进度应为 0 到 100", (await host.SendAsync(Click(new { verb = "task.progress", taskId = 1, progress = "150", note = "" }))).AllText());
        var submit = Click(new { verb = "task.progress", taskId = 1, progress = "60", note = "初稿已完成" });
        submit.ReplyToId = card.Id;
        Assert.Contains("进度为 60%", (await host.SendAsync(submit)).AllText());
        Assert.Contains("已更新进度:60%", host.Connector.Updated.Single().AllText()); // the clicked form became a record
        BotHost.AssertCardsValid(host.Connector.Updated);
        Assert.Contains("进度为 80%", (await host.SendAsync(Say("更新进度 1 80% 已征求意见"))).AllText());
        Assert.Contains("没有找到编号为 99 的任务", (await host.SendAsync(Say("update task 99"))).AllText());

        var task = host.Service<PlanTaskStore>().Get(Ws, 1)!;
        Assert.Equal(80, task.Progress);
        Assert.Equal(PlanTaskStatus.InProgress, task.Status);
        Assert.Equal(["初稿已完成", "已征求意见"], task.Notes.Select(n => n.Text));
        Assert.All(task.Notes, n => Assert.Equal("王小明", n.AuthorName));
        Assert.Equal(2, host.Service<AuditLog>().For(PlanTaskStore.RecordKey(1)).Count(a => a.Action == "task.progress"));

        var details = (await host.SendAsync(Say("任务详情 1"))).AllText();
        Assert.Contains("2026年3月10日 09:00 · 王小明 · 60% · 初稿已完成", details); // author and local time
        Assert.Contains("80% · 已征求意见", details);
        var form = await host.SendAsync(Click(new { verb = "task.progress.form", taskId = 1 }));
        Assert.Contains("更新任务进度", form.AllText());
    }

    [Fact]
    public async Task Completing_requires_feedback_by_text_or_card()
    {
        using var host = NewHost();
        await ImportCsvAsync(host);
        var ask = await host.SendAsync(Say("办结 1"));
        Assert.Contains("办结反馈", ask.AllText());
        Assert.Contains("至少写 4 个字", (await host.SendAsync(Say("好"))).AllText());
        Assert.Equal(PlanTaskStatus.NotStarted, host.Service<PlanTaskStore>().Get(Ws, 1)!.Status);
        Assert.Contains("已办结", (await host.SendAsync(Say("公示制度已上线运行,材料已归档"))).AllText());

        await host.SendAsync(Say("complete 2"));
        Assert.Contains("已办结", (await host.SendAsync(Click(new { taskId = 2, text = "评查报告已报送县司法局" }))).AllText());
        Assert.Contains("✅ 任务 #3", (await host.SendAsync(Say("办结 3 宪法宣传周活动已完成,共发放资料500份"))).AllText());

        var store = host.Service<PlanTaskStore>();
        Assert.Equal("公示制度已上线运行,材料已归档", store.Get(Ws, 1)!.Feedback);
        Assert.Equal("评查报告已报送县司法局", store.Get(Ws, 2)!.Feedback);
        Assert.All(store.All(Ws), t => Assert.Equal((PlanTaskStatus.Done, 100), (t.Status, t.Progress)));
        Assert.Contains("已办结,不能再修改", (await host.SendAsync(Say("更新进度 1 50"))).AllText());
        Assert.Empty(store.Overdue(Ws, new DateOnly(2027, 1, 1)));
    }

    [Fact]
    public async Task Add_and_edit_a_task_with_the_form_card()
    {
        using var host = NewHost();
        var form = Assert.Single(await host.SendAsync(Say("新建任务")));
        Assert.Contains("Input.Date", form.Card()!.Value.GetRawText());
        var missing = await host.SendAsync(Click(new { form = "task", plan = "2026年依法行政工作计划", year = "2026", title = "", due = "" }));
        Assert.Contains("请填写任务内容", missing.AllText());
        Assert.Contains("已保存任务 #1", (await host.SendAsync(Click(new { form = "task", plan = "2026年依法行政工作计划", year = "2026", section = "(一)制度建设", title = "修订合法性审查办法", owners = "张三、李四", department = "党政办", due = "2026-05-31" }))).AllText());
        var task = host.Service<PlanTaskStore>().Get(Ws, 1)!;
        Assert.Equal(["张三", "李四"], task.Owners);

        var edit = await host.SendAsync(Say("编辑任务 1"));
        Assert.Contains("修订合法性审查办法", edit.AllText());
        await host.SendAsync(Click(new { form = "task", plan = "2026年依法行政工作计划", year = "2026", section = "(一)制度建设", title = "修订合法性审查办法", owners = "李四", department = "党政办", due = "2026-06-30" }));
        task = host.Service<PlanTaskStore>().Get(Ws, 1)!;
        Assert.Equal(["李四"], task.Owners);
        Assert.Equal(new DateOnly(2026, 6, 30), task.DueDate);
        Assert.Contains(host.Service<AuditLog>().For(PlanTaskStore.RecordKey(1)), a => a.Action == "task.edit" && a.Details!.Contains("2026-06-30"));
    }

    [Fact]
    public async Task Another_group_never_sees_or_changes_these_tasks()
    {
        using var host = NewHost();
        await ImportCsvAsync(host);
        const string other = "19:group-2@thread.v2";
        Assert.Contains("还没有工作计划任务", (await host.SendAsync(Say("逾期任务", other))).AllText());
        Assert.Contains("没有找到编号为 1 的任务", (await host.SendAsync(Say("更新进度 1 50", other))).AllText());
        Assert.Contains("没有找到", (await host.SendAsync(Click(new { verb = "task.progress", taskId = 1, progress = "50" }, other))).AllText());
        Assert.Equal(0, host.Service<PlanTaskStore>().Get(Ws, 1)!.Progress);
    }
}
