using System.Text.RegularExpressions;
using ChatBot.Bot.Features.Mediation;
using ChatBot.Storage.Mediation;
using ChatBot.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using static ChatBot.Tests.Mediation.MediationTestKit;

namespace ChatBot.Tests.Mediation;

/// <summary>人民调解协议书: every item 人民调解法 §29 requires, official typography, and only in a personal chat.</summary>
public class AgreementDocumentTests
{
    /// <summary>A neighbours' drainage dispute between a villager and a company, settled in writing.</summary>
    public static MediationCase Realistic() => new()
    {
        WorkspaceId = "local:office", Year = 2026, Seq = 14, CaseNo = "2026-014",
        ReceivedOn = new(2026, 3, 2), ClosedOn = new(2026, 3, 16), Source = MediationSource.Application, DisputeType = DisputeType.Neighbour,
        Village = "东岭村", PeopleInvolved = 2, AmountInvolved = 3000,
        Parties =
        [
            new("张三", "13812345678") { Sex = PartySex.Male, BirthYear = 1968, Address = "东岭镇东岭村三组12号" },
            new("东岭砖瓦有限公司", "0571-87654321") { Kind = PartyKind.Organisation, Representative = "李建国", Address = "东岭镇工业路8号" },
        ],
        Summary = "2026年2月起，东岭砖瓦有限公司厂区排水沟堵塞，雨水漫入张三承包的鱼塘，造成鱼苗死亡。张三要求赔偿，双方多次协商未果，张三申请调解。",
        Responsibility = "争议事项为排水沟由谁疏通及鱼苗损失如何赔偿。经现场查看，排水沟堵塞系公司堆放砖渣所致，公司应承担主要责任；张三未及时加固塘埂，承担次要责任。",
        AgreementTerms = "1. 东岭砖瓦有限公司于2026年3月25日前清理排水沟内砖渣并恢复畅通；\n2. 东岭砖瓦有限公司赔偿张三鱼苗损失人民币2400元；\n3. 张三自行加固塘埂，双方今后不再就此事发生争议。",
        PerformanceManner = "赔偿款一次性转账支付，排水沟由公司自行清理",
        PerformanceDeadline = new(2026, 3, 25),
        AgreementAmount = 2400,
        Mediators = ["王调解", "李娜"],
        Status = MediationStatus.Succeeded, AgreementForm = AgreementForm.Written,
    };

    private static List<string> Paragraphs(byte[] docx)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return doc.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().Select(p => p.InnerText).ToList();
    }

    [Fact]
    public void The_document_holds_every_item_of_article_29()
    {
        var paragraphs = Paragraphs(AgreementDocument.Build(Realistic(), "东岭镇人民调解委员会", new DateOnly(2026, 12, 3)));
        var text = string.Join("\n", paragraphs);
        Assert.Equal("人民调解协议书", paragraphs[0]);
        Assert.Equal("（2026）东岭镇人调字第014号", paragraphs[1]);
        // Parties: a person with sex, birth year and age, address and phone; an organisation with its representative.
        Assert.Contains("甲方：张三，性别：男，出生年份：1968年（58岁），住址：东岭镇东岭村三组12号，联系电话：13812345678。", paragraphs);
        Assert.Contains("乙方：东岭砖瓦有限公司（法人或其他组织），法定代表人/负责人：李建国，住所：东岭镇工业路8号，联系电话：0571-87654321。", paragraphs);
        // Facts and points in dispute, responsibility, the terms line by line, manner and deadline of performance.
        Assert.Contains(Realistic().Summary, paragraphs);
        Assert.Contains(Realistic().Responsibility!, paragraphs);
        Assert.Contains("1. 东岭砖瓦有限公司于2026年3月25日前清理排水沟内砖渣并恢复畅通；", paragraphs);
        Assert.Contains("3. 张三自行加固塘埂，双方今后不再就此事发生争议。", paragraphs);
        Assert.Contains("履行方式：赔偿款一次性转账支付，排水沟由公司自行清理。", paragraphs);
        Assert.Contains("履行期限：2026年3月25日前履行完毕。", paragraphs);
        Assert.Contains("协议金额：人民币2,400元。", paragraphs);
        // Effect, copies (two parties + the committee), the court confirmation window.
        Assert.Contains("本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效。", paragraphs);
        Assert.Contains("本协议一式三份，当事人各执一份，人民调解委员会留存一份。", paragraphs);
        Assert.Contains("三十日内共同向人民法院申请司法确认", text);
        // Signature, fingerprint and seal lines, with the date the agreement was reached.
        Assert.Contains("甲方（签名、盖章或按指印）：", paragraphs);
        Assert.Contains("乙方（签名、盖章或按指印）：", paragraphs);
        Assert.Contains("人民调解员（签名）：", paragraphs);
        Assert.Contains("东岭镇人民调解委员会（印章）", paragraphs);
        Assert.Equal("2026年3月16日", paragraphs[^1]);
    }

    [Fact]
    public void Items_not_recorded_are_blanks_to_fill_in_and_copies_follow_the_parties()
    {
        var c = Realistic();
        c.Parties = [new("甲某"), new("乙某"), new("丙某", "13900001111")];
        c.Responsibility = null;
        c.AgreementAmount = 0;
        var paragraphs = Paragraphs(AgreementDocument.Build(c, "人民调解委员会", new DateOnly(2026, 12, 3)));
        Assert.Equal("（2026）人调字第014号", paragraphs[1]);
        Assert.Contains("甲方：甲某，性别：________，出生年份：________，住址：________，联系电话：________。", paragraphs);
        Assert.Contains("丙方：丙某，性别：________，出生年份：________，住址：________，联系电话：13900001111。", paragraphs);
        Assert.Contains("本协议一式四份，当事人各执一份，人民调解委员会留存一份。", paragraphs);
        Assert.DoesNotContain(paragraphs, p => p.StartsWith("协议金额", StringComparison.Ordinal));
        Assert.Contains("________________________", paragraphs); // 争议事项及各方责任 left to write by hand
    }

    [Theory]
    [InlineData(3, "三")]
    [InlineData(10, "十")]
    [InlineData(11, "十一")]
    [InlineData(21, "二十一")]
    public void Copies_are_written_in_chinese_numerals(int n, string numeral) => Assert.Equal(numeral, AgreementDocument.Numeral(n));

    [Fact]
    public void It_is_laid_out_as_an_official_document()
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(AgreementDocument.Build(Realistic(), "东岭镇人民调解委员会", new DateOnly(2026, 12, 3))), false);
        var body = doc.MainDocumentPart!.Document!.Body!;
        var section = body.Elements<SectionProperties>().Single();
        var size = section.GetFirstChild<PageSize>()!;
        Assert.Equal((11906U, 16838U), (size.Width!.Value, size.Height!.Value)); // A4 in twips
        var margin = section.GetFirstChild<PageMargin>()!;
        // 3.7 cm, 3.5 cm, 2.8 cm, 2.6 cm at 567 twips a centimetre.
        Assert.Equal((2098, 1984, 1588U, 1474U), (margin.Top!.Value, margin.Bottom!.Value, margin.Left!.Value, margin.Right!.Value));

        var paragraphs = body.Elements<Paragraph>().ToList();
        RunProperties Props(Paragraph p) => p.Descendants<RunProperties>().First();
        var title = paragraphs[0];
        Assert.Equal(JustificationValues.Center, title.ParagraphProperties!.Justification!.Val!.Value);
        Assert.Equal(("方正小标宋简体", "44"), (Props(title).RunFonts!.EastAsia!.Value, Props(title).FontSize!.Val!.Value)); // 二号
        var heading = paragraphs.Single(p => p.InnerText == "一、纠纷的主要事实");
        Assert.Equal(("黑体", "32"), (Props(heading).RunFonts!.EastAsia!.Value, Props(heading).FontSize!.Val!.Value)); // 三号
        var text = paragraphs.Single(p => p.InnerText == Realistic().Summary);
        Assert.Equal(("仿宋", "32"), (Props(text).RunFonts!.EastAsia!.Value, Props(text).FontSize!.Val!.Value));
        Assert.Equal(200, text.ParagraphProperties!.Indentation!.FirstLineChars!.Value); // 首行缩进两字
    }

    [Fact]
    public void LibreOffice_prints_it_on_portrait_a4_pages()
    {
        var dir = Path.Combine(Path.GetTempPath(), "chatbot-tests", "agreement-" + Guid.NewGuid().ToString("N"));
        var pages = LedgerFile.RenderPages(AgreementDocument.Build(Realistic(), "东岭镇人民调解委员会", new DateOnly(2026, 12, 3)), dir, "agreement.docx", dpi: 80);
        Assert.InRange(pages.Count, 1, 3);
        foreach (var page in pages)
        {
            var (w, h, _, _) = ChatBot.Tests.Teams.PngImage.ReadHeader(File.ReadAllBytes(page));
            Assert.InRange(h / (double)w, 1.40, 1.43); // A4: 297 / 210
        }
        // The signature block is never split, nor alone on a page: the last paragraph, the signature lines, the seal and
        // the date are on one page.
        var text = PdfText(Path.Combine(dir, "agreement.pdf")).Split('\f');
        var signatures = Array.FindIndex(text, p => p.Contains("人民调解员（签名）", StringComparison.Ordinal));
        Assert.True(signatures >= 0, string.Join("\n---\n", text));
        Assert.Contains("申请司法确认", text[signatures]);
        Assert.Contains("甲方（签名、盖章或按指印）", text[signatures]);
        Assert.Contains("东岭镇人民调解委员会（印章）", text[signatures]);
        Assert.Contains("2026年3月16日", text[signatures].Replace(" ", ""));
        for (var i = 0; i < pages.Count; i++)
            File.Copy(pages[i], Path.Combine(Path.GetTempPath(), "chatbot-tests", $"agreement-last-{i + 1}.png"), overwrite: true);
    }

    private static string PdfText(string pdf)
    {
        using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pdftotext", $"-layout {pdf} -") { RedirectStandardOutput = true })!;
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return text;
    }

    private static async Task<string> LogWrittenCaseInGroup(BotHost host)
    {
        var formId = FormIdOf(await host.SendAsync(Activities.GroupMention("调解登记", "user-1", GroupA)));
        return (await host.SendAsync(GroupSubmit(ValidForm(formId), GroupA, "user-1"))).AllText();
    }

    [Fact]
    public async Task A_group_is_told_to_ask_in_a_personal_chat_where_the_link_is_given()
    {
        using var host = new BotHost();
        var saved = await LogWrittenCaseInGroup(host);
        Assert.DoesNotContain("生成协议书", saved); // no button where it cannot be given

        var group = (await host.SendAsync(Activities.GroupMention("协议书 2026-001", "user-1", GroupA))).AllText();
        Assert.Contains("请在与我的私聊中发送“协议书 2026-001”", group);
        Assert.DoesNotContain("/files/", group);

        var personal = (await host.SendAsync(Activities.Message("协议书 2026-001", "user-1", "personal-user-1"))).AllText();
        Assert.Contains("人民调解协议书 · 2026-001", personal);
        Assert.Contains("一式 3 份", personal);
        var token = Regex.Match(personal, @"/files/([A-Za-z0-9_-]{40,})").Groups[1].Value;
        var file = host.Service<MediationDownloads>().Find(token)!;
        Assert.Equal("人民调解协议书-2026-001.docx", file.FileName);
        Assert.Equal(AgreementDocument.ContentType, file.ContentType);
        var paragraphs = Paragraphs(file.Content);
        Assert.Contains("欧阳小明于3月20日前疏通排水沟并赔偿张三1500元", paragraphs);
        Assert.Contains("履行期限：2026年3月20日前履行完毕。", paragraphs);

        // The case card in the personal chat has the button, and the button gives the document too.
        var card = (await host.SendAsync(Activities.Message("调解 2026-001", "user-1", "personal-user-1"))).AllText();
        Assert.Contains("生成协议书", card);
        var clicked = (await host.SendAsync(TeamsSubmit(new { verb = "mediation.agreement", caseNo = "2026-001" }))).AllText();
        Assert.Contains("下载协议书", clicked);

        var en = (await host.SendAsync(Activities.GroupMention("agreement 2026-001", "user-1", GroupA, locale: "en-US"))).AllText();
        Assert.Contains("please ask for it in a personal chat with me", en);
        Assert.Contains("“协议书 2026-014”", (await host.SendAsync(Activities.GroupMention("协议书", "user-1", GroupA))).AllText()); // an example when no number was given
    }

    [Fact]
    public async Task Oral_unsettled_and_unknown_cases_get_a_polite_no()
    {
        using var host = new BotHost();
        var formId = FormIdOf(await host.SendAsync(Activities.GroupMention("调解登记", "user-1", GroupA)));
        await host.SendAsync(GroupSubmit(ValidForm(formId, f => f["agreementForm"] = "Oral"), GroupA, "user-1"));
        formId = FormIdOf(await host.SendAsync(Activities.GroupMention("调解登记", "user-1", GroupA)));
        await host.SendAsync(GroupSubmit(ValidForm(formId, f => { f["status"] = "InProgress"; f["agreementForm"] = ""; f["agreementTerms"] = ""; f["performanceManner"] = ""; f["performanceDeadline"] = ""; }), GroupA, "user-1"));

        var oral = (await host.SendAsync(Activities.Message("协议书 2026-001", "user-1", "personal-user-1"))).AllText();
        Assert.Contains("达成的是口头协议,不制作协议书", oral);
        Assert.DoesNotContain("生成协议书", (await host.SendAsync(Activities.Message("调解 2026-001", "user-1", "personal-user-1"))).AllText());
        var open = (await host.SendAsync(Activities.Message("协议书 2026-002", "user-1", "personal-user-1"))).AllText();
        Assert.Contains("尚未调解成功(目前:调解中)", open);
        Assert.Contains("没有案号为 2026-099", (await host.SendAsync(Activities.Message("协议书 2026-099", "user-1", "personal-user-1"))).AllText());
        Assert.Contains("请写明案号", (await host.SendAsync(Activities.Message("协议书", "user-1", "personal-user-1"))).AllText());
        var en = (await host.SendAsync(Activities.Message("agreement 2026-001", "user-1", "personal-user-1", locale: "en-US"))).AllText();
        Assert.Contains("settled by an oral agreement", en);
        Assert.DoesNotContain("/files/", oral + open + en);
    }
}
