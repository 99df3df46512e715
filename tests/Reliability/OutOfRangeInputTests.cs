using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Tests.Infrastructure;
using static ChatBot.Tests.Mediation.MediationTestKit;

namespace ChatBot.Tests.Reliability;

/// <summary>
/// The inputs an outside probe found to end in the generic apology (issue #20, item 3): numbers out of range for the
/// type they are converted to, and a tenant id of the wrong JSON type. Each now gets the field's own message.
/// </summary>
[Collection(ReliabilitySuite.Name)]
public class OutOfRangeInputTests
{
    public const string Apology = "处理您的消息时出错了";

    [Theory]
    [InlineData("\"1e30\"")]
    [InlineData("\"1e400\"")]
    [InlineData("\"NaN\"")]
    [InlineData("\"-Infinity\"")]
    [InlineData("1e30")]
    [InlineData("1e400")]
    [InlineData("999999999999999999999999999999999999999999999999999999999999")]
    [InlineData("\"999999999999999999999999999999999999999999999999999999999999\"")]
    public async Task An_amount_out_of_range_reshows_the_card_with_the_amount_message(string amountJson)
    {
        var errors = new ErrorLog();
        using var host = ReliabilityHost.Create(errors);
        var replies = await host.SendAsync(Submit(f => f["amount"] = JsonNode.Parse(amountJson)));
        var text = replies.AllText();
        Assert.DoesNotContain(Apology, text);
        Assert.Contains("涉及金额应为不小于 0 的数字", text);
        Assert.Contains(replies, r => r.Card() is not null);
        Assert.True(errors.Errors.IsEmpty, ErrorLog.Summary(errors));
        FuzzTests.AssertNoRecords(host);
    }

    [Theory]
    [InlineData("\"1e309\"")]
    [InlineData("1e309")]
    [InlineData("\"NaN\"")]
    [InlineData("\"3000000000\"")]
    public async Task People_out_of_range_reshows_the_card_with_the_people_message(string peopleJson)
    {
        var errors = new ErrorLog();
        using var host = ReliabilityHost.Create(errors);
        var replies = await host.SendAsync(Submit(f => f["people"] = JsonNode.Parse(peopleJson)));
        var text = replies.AllText();
        Assert.DoesNotContain(Apology, text);
        Assert.Contains("涉及人数应为不小于 1 的整数", text);
        Assert.Contains(replies, r => r.Card() is not null);
        Assert.True(errors.Errors.IsEmpty, ErrorLog.Summary(errors));
        FuzzTests.AssertNoRecords(host);
    }

    [Theory]
    [InlineData("调解列表 第3000000000页")]
    [InlineData("调解列表 第99999999999999999999999页")]
    [InlineData("mediations page 3000000000")]
    public async Task A_page_number_beyond_int_shows_the_last_page(string command)
    {
        var errors = new ErrorLog();
        using var host = ReliabilityHost.Create(errors);
        for (var i = 0; i < 12; i++)
            Assert.Contains("已登记", (await host.SendAsync(Submit(f => f["formId"] = JsonValue.Create($"page-{i}")))).AllText());
        var text = (await host.SendAsync(Activities.Message(command, conversation: "personal-user-1"))).AllText();
        Assert.DoesNotContain(Apology, text);
        Assert.Contains("2/2", text);
        Assert.True(errors.Errors.IsEmpty, ErrorLog.Summary(errors));
    }

    [Theory]
    [InlineData("42")]
    [InlineData("true")]
    [InlineData("[\"t\"]")]
    [InlineData("{\"x\":1}")]
    public async Task A_tenant_id_that_is_not_a_string_is_ignored(string tenantIdJson)
    {
        var errors = new ErrorLog();
        using var host = ReliabilityHost.Create(errors);
        foreach (var activity in new[] { Activities.Message("帮助", conversation: "personal-t"), Activities.GroupMention("帮助", conversation: "19:tenant-probe@thread.v2") })
        {
            activity.Conversation!.TenantId = null;
            activity.ChannelData = JsonDocument.Parse("{\"tenant\":{\"id\":" + tenantIdJson + "}}").RootElement.Clone();
            var text = (await host.SendAsync(activity)).AllText();
            Assert.DoesNotContain(Apology, text);
            Assert.Contains("调解登记", text);
        }
        Assert.True(errors.Errors.IsEmpty, ErrorLog.Summary(errors));
    }

    [Fact]
    public async Task An_imported_task_too_long_for_the_identity_index_is_left_out_with_a_message()
    {
        var errors = new ErrorLog();
        using var host = ReliabilityHost.Create(errors, settings: new() { ["Reminders:Enabled"] = "false" });
        var longTitle = "开展" + new string('长', 400) + "专项检查"; // within the card's 1,000 characters, 1,200+ bytes in UTF-8
        var csv = "计划,板块,任务,责任人,责任部门,完成时限\n"
            + "2026年依法行政工作计划,(三)规范执法," + longTitle + ",王小明,司法所,2026-06-30\n"
            + "2026年依法行政工作计划,(三)规范执法,开展执法案卷评查,李四,司法所,2026-06-30\n";
        var import = Activities.Message("导入计划", conversation: "personal-import");
        import.Attachments = [new Attachment { ContentType = "text/csv", Name = "计划.csv", ContentUrl = "data:text/csv;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(csv)) }];
        var preview = (await host.SendAsync(import)).AllText();
        Assert.Contains("合起来太长,未导入", preview);
        Assert.Contains("识别到 1 项任务", preview);
        var saved = (await host.SendAsync(Activities.Submit(new { choice = "yes" }, conversation: "personal-import"))).AllText();
        Assert.DoesNotContain(Apology, saved);
        Assert.Contains("新增 1 项", saved);
        Assert.True(errors.Errors.IsEmpty, ErrorLog.Summary(errors));
    }

    [Theory]
    [InlineData("{\"downloadUrl\":42,\"fileType\":\"csv\"}")]
    [InlineData("{\"downloadUrl\":\"data:text/csv;base64,\",\"fileType\":7}")]
    [InlineData("{\"downloadUrl\":[1],\"fileType\":{\"x\":1}}")]
    public async Task A_teams_file_with_wrong_typed_fields_gets_a_message(string content)
    {
        var errors = new ErrorLog();
        using var host = ReliabilityHost.Create(errors, settings: new() { ["Reminders:Enabled"] = "false" });
        var import = Activities.Message("导入计划", conversation: "personal-import");
        import.Attachments = [new Attachment { ContentType = "application/vnd.microsoft.teams.file.download.info", Name = "计划.csv", Content = JsonDocument.Parse(content).RootElement.Clone() }];
        var text = (await host.SendAsync(import)).AllText();
        Assert.DoesNotContain(Apology, text);
        Assert.True(errors.Errors.IsEmpty, ErrorLog.Summary(errors));
        FuzzTests.AssertNoRecords(host);
    }

    /// <summary>A valid registration card submit with one change, as a raw JSON object (numbers can be any JSON number).</summary>
    private static Activity Submit(Action<JsonObject> change)
    {
        var form = JsonSerializer.SerializeToNode(ValidForm("out-of-range"))!.AsObject();
        change(form);
        var a = TeamsSubmit(new { });
        a.Value = JsonDocument.Parse(form.ToJsonString()).RootElement.Clone();
        return a;
    }
}
