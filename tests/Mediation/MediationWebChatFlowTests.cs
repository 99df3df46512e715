using System.Text.RegularExpressions;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Features.Mediation;
using ChatBot.Storage.Mediation;
using ChatBot.Tests.Infrastructure;
using MiniExcelLibs;
using static ChatBot.Tests.Mediation.MediationTestKit;

namespace ChatBot.Tests.Mediation;

/// <summary>The issue's "done when": a clerk logs, lists, follows up, closes and exports cases in Web Chat.</summary>
public class MediationWebChatFlowTests
{
    private static Activity Web(string text) => Activities.Message(text, "clerk", "wc-flow", "webchat", userName: "周书记");

    private static Activity WebClick(object value)
    {
        var a = Activities.Submit(value, "clerk", "wc-flow");
        a.ChannelId = "webchat";
        a.From!.Name = "周书记";
        return a;
    }

    [Fact]
    public async Task Log_list_follow_up_close_and_export_in_web_chat()
    {
        using var host = new BotHost();
        var formId = FormIdOf(await host.SendWebChatAsync(Web("调解登记")));
        var saved = await host.SendWebChatAsync(WebClick(ValidForm(formId, f => { f["status"] = "Accepted"; f["agreementForm"] = null; })));
        Assert.Contains("已登记,案号 2026-001", saved.AllText());

        var list = await host.SendWebChatAsync(Web("调解列表 未结"));
        Assert.Contains("2026-001 · 邻里 · 受理", list.AllText());

        // Open the case from the list, then use its buttons.
        var opened = await host.SendWebChatAsync(WebClick(new { verb = "mediation.show", caseNo = "2026-001" }));
        Assert.Contains("调解案件 2026-001", opened.AllText());
        Assert.Contains("mediation.outcome", System.Text.Json.JsonSerializer.Serialize(opened.Single().Card()));

        // The buttons open the outcome and follow-up forms.
        var outcomeForm = await host.SendWebChatAsync(WebClick(new { verb = "mediation.outcome", caseNo = "2026-001" }));
        Assert.Contains("调解结果 · 2026-001", outcomeForm.AllText());
        var missing = await host.SendWebChatAsync(WebClick(new { verb = "mediation.outcome.form", caseNo = "2026-001", status = "Succeeded", agreementForm = "Oral", closedOn = "2026-03-10" }));
        Assert.Contains("调解成功的口头协议,请记录协议内容", missing.AllText());
        Assert.Contains("调解成功的案件请填写履行期限", missing.AllText());
        Assert.Equal(MediationStatus.Accepted, host.Service<MediationStore>().Get("local:office", "2026-001")!.Status); // nothing half-saved
        Assert.Contains("已更新调解结果:调解成功", (await host.SendWebChatAsync(WebClick(new
        {
            verb = "mediation.outcome.form", caseNo = "2026-001", status = "Succeeded", agreementForm = "Oral", closedOn = "2026-03-10",
            agreementTerms = "当场达成口头协议:欧阳小明当场疏通排水沟", performanceDeadline = "2026-03-10",
        }))).AllText());

        Assert.Contains("回访记录 · 2026-001", (await host.SendWebChatAsync(WebClick(new { verb = "mediation.followup", caseNo = "2026-001" }))).AllText());
        Assert.Contains("已记录回访(第 1 次)", (await host.SendWebChatAsync(WebClick(new
        {
            verb = "mediation.followup.form", caseNo = "2026-001", date = "2026-03-10", by = "周书记", performance = "Fulfilled", satisfaction = "Satisfied", risk = "无",
        }))).AllText());

        Assert.Contains("暂无案件", (await host.SendWebChatAsync(Web("调解列表 未结"))).AllText());
        Assert.Contains("受理1起,调解1起,调解成功1起,成功率100%;口头协议1起,书面协议0起。", (await host.SendWebChatAsync(Web("调解统计 本月"))).AllText());

        var export = (await host.SendWebChatAsync(Web("导出调解台账"))).AllText();
        var token = Regex.Match(export, @"/files/([A-Za-z0-9_-]+)").Groups[1].Value;
        using var stream = new MemoryStream(host.Service<MediationDownloads>().Find(token)!.Content);
        var row = Assert.Single(MiniExcel.Query(stream, useHeaderRow: true, excelType: ExcelType.XLSX, startCell: $"A{MediationLedger.HeaderRow}").Cast<IDictionary<string, object?>>());
        Assert.Equal("2026-001", row["案号"]);
        Assert.Equal("调解成功", row["调解状态"]);
        Assert.Equal("口头", row["协议形式"]);
        Assert.Equal(1, Convert.ToInt32(row["回访次数"]));
        Assert.Equal("张三、欧阳小明", row["当事人"]);

        var c = host.Service<MediationStore>().Get("local:office", "2026-001")!;
        Assert.Equal(["mediation.create", "mediation.outcome", "mediation.followup"], host.Service<MediationStore>().History(c).Select(a => a.Action));
        Assert.All(host.Service<MediationStore>().History(c), a => Assert.Equal("周书记", a.UserName));
    }
}
