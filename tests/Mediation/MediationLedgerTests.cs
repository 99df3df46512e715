using System.Text.RegularExpressions;
using ChatBot.Bot.Features.Mediation;
using ChatBot.Storage.Mediation;
using ChatBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MiniExcelLibs;
using static ChatBot.Tests.Mediation.MediationTestKit;

namespace ChatBot.Tests.Mediation;

public class MediationLedgerTests
{
    private static List<IDictionary<string, object?>> Read(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        return MiniExcel.Query(stream, useHeaderRow: true, sheetName: MediationLedger.SheetName, excelType: ExcelType.XLSX, startCell: $"A{MediationLedger.HeaderRow}")
            .Cast<IDictionary<string, object?>>().ToList();
    }

    [Fact]
    public async Task Export_in_a_personal_web_chat_gives_a_link_to_an_xlsx_whose_rows_match_the_records()
    {
        using var host = new BotHost();
        var store = host.Service<MediationStore>();
        var actor = new MediationActor("webchat:u", "u");
        var i = 0;
        foreach (var c in MediationStatsTests.Fixture())
        {
            c.WorkspaceId = "local:office";
            store.Create(c, "f" + ++i, actor, host.Clock.GetUtcNow());
        }
        var first = store.Get("local:office", "2026-001")!;
        store.AddFollowUp("local:office", "2026-001", new FollowUpVisit { Date = new(2026, 3, 2), By = "李娜", Performance = Performance.PartlyFulfilled }, actor, host.Clock.GetUtcNow());
        store.AddFollowUp("local:office", "2026-001", new FollowUpVisit { Date = new(2026, 3, 8), By = "李娜", Performance = Performance.Fulfilled }, actor, host.Clock.GetUtcNow());
        var other = Case(new(2026, 1, 1), DisputeType.Other, "别的乡", MediationStatus.Accepted);
        other.WorkspaceId = "msteams:tenant-1:19:other@thread.v2";
        store.Create(other, "other", actor, host.Clock.GetUtcNow());

        var reply = (await host.SendWebChatAsync(Activities.Message("导出调解台账", "u", "wc-1", "webchat"))).AllText();
        Assert.Contains("2026年调解台账共 10 件", reply);
        var token = Regex.Match(reply, @"http://localhost/files/([A-Za-z0-9_-]{40,})").Groups[1].Value;
        Assert.NotEmpty(token);
        var file = host.Service<MediationDownloads>().Find(token)!;
        Assert.Equal("local:office", file.WorkspaceId);
        Assert.Equal("人民调解案件登记台账-2026.xlsx", file.FileName);

        var rows = Read(file.Content);
        var expected = store.All("local:office").Where(c => c.Year == 2026).OrderBy(c => c.Seq).ToList();
        Assert.Equal(expected.Count, rows.Count);
        Assert.Equal(MediationLedger.Columns, rows[0].Keys);
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var c = expected[r];
            Assert.Equal(c.CaseNo, row["案号"]);
            Assert.Equal(c.ReceivedOn, LedgerFile.AsDate(row["受理日期"]));
            Assert.Equal(c.Village, row["村(社区)"]);
            Assert.Equal(string.Join("、", c.Parties.Select(p => p.Name)), row["当事人"]);
            Assert.Equal(c.PeopleInvolved, Convert.ToInt32(row["涉及人数"]));
            Assert.Equal(c.AmountInvolved, row["涉及金额(元)"] is null ? 0m : Convert.ToDecimal(row["涉及金额(元)"]));
            Assert.Equal(c.FollowUps.Count, Convert.ToInt32(row["回访次数"]));
        }
        Assert.Equal("当事人申请", rows[0]["来源"]);
        Assert.Equal("邻里", rows[0]["纠纷类型"]);
        Assert.Equal("调解成功", rows[0]["调解状态"]);
        Assert.Equal("口头", rows[0]["协议形式"]);
        Assert.Equal("甲某:13900001111", rows[0]["联系电话"]);
        Assert.Equal("2026-03-08 已履行", rows[0]["最近回访"]);
        Assert.Equal("是", rows[3]["重大疑难"]);
        Assert.Equal("是", rows[5]["群体性"]);
        Assert.Equal("调解中", rows[4]["调解状态"]);
        Assert.DoesNotContain(rows, row => Equals(row["村(社区)"], "别的乡"));
        Assert.NotNull(first);

        var all = (await host.SendWebChatAsync(Activities.Message("export mediations all", "u", "wc-1", "webchat", locale: "en-US"))).AllText();
        Assert.Contains("has 11 case(s)", all);
        Assert.Contains("has 0 case(s)", (await host.SendWebChatAsync(Activities.Message("export mediations 2024", "u", "wc-1", "webchat", locale: "en-US"))).AllText());
        Assert.Contains("Give a year", (await host.SendWebChatAsync(Activities.Message("export mediations soon", "u", "wc-1", "webchat", locale: "en-US"))).AllText());
    }

    [Fact]
    public void An_empty_ledger_still_has_the_header_row()
    {
        using var stream = new MemoryStream(MediationLedger.Build([], _ => null, "2026年", new DateOnly(2026, 3, 10)));
        var header = MiniExcel.Query(stream, useHeaderRow: false, sheetName: MediationLedger.SheetName, excelType: ExcelType.XLSX, startCell: $"A{MediationLedger.HeaderRow}")
            .Cast<IDictionary<string, object?>>().First().Values.Select(v => v?.ToString());
        Assert.Equal(MediationLedger.Columns, header);
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public async Task The_download_endpoint_serves_a_file_until_it_expires_from_any_instance(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 1, 0, 0, TimeSpan.Zero));
        using var db = StorageProviders.Open(provider);
        var made = new MediationDownloads(new ChatBot.Storage.Downloads.LinkStore(db), clock);
        // Another instance (or the same one after a restart) serves the link: the file is in the database.
        var downloads = new MediationDownloads(new ChatBot.Storage.Downloads.LinkStore(db), clock);
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton(downloads);
        await using var app = builder.Build();
        app.MapMediationEndpoints();
        await app.StartAsync();
        var client = app.GetTestClient();

        var bytes = MediationLedger.Build([], _ => null, "2026年", new DateOnly(2026, 3, 10));
        var token = made.Add("local:office", "台账.xlsx", MediationLedger.ContentType, bytes);
        var ok = await client.GetAsync($"/files/{token}");
        Assert.Equal(200, (int)ok.StatusCode);
        Assert.Equal(MediationLedger.ContentType, ok.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes, await ok.Content.ReadAsByteArrayAsync());

        Assert.Equal(404, (int)(await client.GetAsync("/files/not-a-token")).StatusCode);
        clock.Advance(MediationDownloads.Lifetime + TimeSpan.FromSeconds(1));
        var expired = await client.GetAsync($"/files/{token}");
        Assert.Equal(404, (int)expired.StatusCode);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync());
    }
}
