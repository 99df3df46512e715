using System.Text;
using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;
using Microsoft.Extensions.DependencyInjection;
using ChatBot.Bot.Reminders;
using ChatBot.Cards.PlanTasks;
using ChatBot.Storage.PlanTasks;
using ChatBot.Storage.Reminders;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.PlanTasks;

/// <summary>
/// An imported plan asks for 签收 (#24), humanely: one message per person with that person's new tasks and one
/// 全部签收 button, owners nobody is bound to named in the import summary, and what is left unsigned listed to the
/// admins after 2 working days. A Teams group: 王小明 (user-1) the admin, 李娜 (user-2) bound to 王书记, user-3 a
/// member. The clock: Tuesday 2026-03-10, 09:00 in Shanghai.
/// </summary>
public class ImportSignOffTests
{
    private const string Group = "19:group-1@thread.v2";
    private const string Ws = "msteams:tenant-1:19:group-1@thread.v2";
    private const string Admin = "user-1", Owner = "user-2", Other = "user-3";

    // 李娜 owns #1 (as 王书记), #2 (by her own name) and #4 (with 赵队长); #3 is 赵队长's alone, and 赵队长 is nobody.
    private const string Csv = "计划,板块,任务,责任人,牵头单位,完成时限\n"
        + "2026年平安建设工作要点,,开展矛盾纠纷大排查,王书记,综治中心,2026-04-30\n"
        + "2026年平安建设工作要点,,法律顾问合同续签,李娜,司法所,2026-05-31\n"
        + "2026年平安建设工作要点,,沿街商铺占道整治,赵队长,综合执法办,2026-12-31\n"
        + "2026年平安建设工作要点,,普法宣传进村居,王书记、赵队长,司法所,2026-06-30\n";

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task Each_owner_gets_one_message_to_sign_for_all_their_new_tasks_and_unbound_owners_are_named(string locale)
    {
        var zh = locale == "zh-CN";
        string T(string z, string e) => zh ? z : e;
        Activity Say(string text, string user = Admin) => Activities.GroupMention(text, user, Group, locale);
        Activity Click(object value, string user = Admin)
        {
            var a = Activities.Submit(value, user, Group, "groupChat");
            a.Locale = locale;
            return a;
        }

        await using var host = new BotHost(settings: new() { ["Reminders:Enabled"] = "false" });
        await host.SendAsync(Say(T("设为管理员", "add admin")));
        await host.SendAsync(Say(T("帮助", "help"), Owner));
        await host.SendAsync(Say(T("帮助", "help"), Other));
        await host.SendAsync(Say(T("绑定 王书记 李娜", "bind 王书记 李娜")));

        async Task<IReadOnlyList<Activity>> ImportAsync()
        {
            var import = Say(T("导入计划", "import plan"));
            import.Attachments = [new Attachment { ContentType = "text/csv", Name = "计划.csv", ContentUrl = "data:text/csv;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(Csv)) }];
            var preview = (await host.SendAsync(import)).Single(a => a.Card() is not null);
            var yes = preview.Card()!.Value.GetProperty("actions")[0].GetProperty("data");
            return await host.SendAsync(Click(JsonSerializer.Deserialize<Dictionary<string, object>>(yes.GetRawText())!));
        }
        var saved = await ImportAsync();

        var summary = saved.Single(a => a.AllText().Contains(T("导入完成", "Imported:")));
        Assert.Contains(T("新增 4 项", "4 new"), summary.Text);
        Assert.Contains(T("已请 1 位责任人签收新任务", "1 owner asked to sign"), summary.Text);
        Assert.Contains(T("以下责任人尚未绑定到群成员,无法@本人签收:赵队长。", "These owners are not bound to a member, so they cannot be asked to sign: 赵队长."), summary.Text);
        Assert.Contains(T("绑定 赵队长 @某人", "bind 赵队长 @someone"), summary.Text);

        // One message for 李娜, not one per task: her three tasks, 赵队长's own task not among them.
        var ask = Assert.Single(saved, a => a.AllText().Contains(T("新任务请签收", "New tasks: please sign")));
        Assert.Contains(T("<at>王书记</at> 请签收 3 项新任务", "<at>王书记</at> please sign for 3 new tasks"), ask.Text);
        var mention = Assert.Single(ask.Entities!, e => e.Type == "mention");
        Assert.Equal(Owner, mention.Mentioned!.Id);
        var card = ask.AllText();
        foreach (var title in new[] { "开展矛盾纠纷大排查", "法律顾问合同续签", "普法宣传进村居" }) Assert.Contains(title, card);
        Assert.DoesNotContain("沿街商铺占道整治", card);
        Assert.Contains(T("全部签收(3 项)", "Sign for all 3"), card);
        var store = host.Service<PlanTaskStore>();
        Assert.All(store.All(Ws), t => Assert.Equal(host.Clock.GetUtcNow(), t.Supervision.AssignedUtc));

        // The button carries the task numbers; a member who owns none of them is refused, 李娜 signs for all three.
        var data = ask.Card()!.Value.GetProperty("actions")[0].GetProperty("data");
        var signAll = JsonSerializer.Deserialize<Dictionary<string, object>>(data.GetRawText())!;
        var ids = store.All(Ws).Where(t => t.Title != "沿街商铺占道整治").Select(t => t.Id).Order().ToList();
        Assert.Equal(string.Join(",", ids), data.GetProperty(SupervisionCards.TaskIdsField).GetString());
        Assert.Contains(T("请由责任人签收", "the owner signs for them"), (await host.SendAsync(Click(signAll, Other))).AllText());
        Assert.All(store.All(Ws), t => Assert.Null(t.Supervision.AcknowledgedUtc));
        Assert.Contains(T($"李娜 已签收任务 #{ids[0]}、#{ids[1]}、#{ids[2]}(共 3 项)", $"李娜 signed for tasks #{ids[0]}, #{ids[1]}, #{ids[2]} (3)"),
            (await host.SendAsync(Click(signAll, Owner))).AllText());
        Assert.Contains(T("都已签收", "already signed for"), (await host.SendAsync(Click(signAll, Owner))).AllText());
        var left = Assert.Single(store.All(Ws), t => t.Supervision.AcknowledgedUtc is null);
        Assert.Equal("沿街商铺占道整治", left.Title);

        // Importing the same plan again asks nobody again.
        var again = await ImportAsync();
        Assert.Contains(T("未变化 4 项", "4 unchanged"), again.AllText());
        Assert.DoesNotContain(again, a => a.AllText().Contains(T("新任务请签收", "New tasks: please sign")));

        // 赵队长's task follows the 2-working-day rule: not on Wednesday 03-11 (1 working day), listed on Thursday 03-12.
        var unsigned = host.Services.GetServices<IReminderSource>().Single(s => s.Name == "plantasks.unsigned");
        async Task<List<OutboxMessage>> CollectAsync(int day)
        {
            var found = new List<OutboxMessage>();
            await unsigned.CollectAsync(new DateTimeOffset(2026, 3, day, 10, 0, 0, TimeSpan.FromHours(8)), found.Add, CancellationToken.None);
            return found;
        }
        Assert.Empty(await CollectAsync(11));
        var listed = Assert.Single(await CollectAsync(12));
        var text = Encoding.UTF8.GetString(listed.ActivityUtf8);
        Assert.Contains("沿街商铺占道整治", text);
        Assert.DoesNotContain("普法宣传进村居", text);
        Assert.Contains("王小明", text); // the admin is @mentioned
        host.AssertAllCardsRender();
    }
}
