using System.Text.RegularExpressions;
using System.Xml.Linq;
using ChatBot.Bot.Features.Mediation;
using ChatBot.Storage.Mediation;
using ChatBot.Tests.Infrastructure;
using MiniExcelLibs;
using static ChatBot.Tests.Mediation.MediationTestKit;

namespace ChatBot.Tests.Mediation;

/// <summary>The ledger as a clerk opens and prints it.</summary>
public class PrintableLedgerTests
{
    private static (byte[] Xlsx, List<MediationCase> Cases) Ledger()
    {
        var cases = MediationStatsTests.Fixture().Where(c => c.ReceivedOn.Year == 2026).ToList();
        for (var i = 0; i < cases.Count; i++) { cases[i].Year = 2026; cases[i].Seq = i + 1; cases[i].CaseNo = $"2026-{i + 1:000}"; }
        cases[0].AmountInvolved = 1500.5m;
        cases[0].OutcomeNote = "双方达成口头协议,甲方赔偿修缮费用";
        cases[0].Summary = "甲乙两家因排水沟堵塞发生争执,多次协商未果,申请村调委会调解";
        return (MediationLedger.Build(cases, c => c.IsOpen ? null : c.ReceivedOn.AddDays(7), "2026年", new DateOnly(2026, 12, 3)), cases);
    }

    [Fact]
    public void Dates_and_amounts_are_real_cells_and_a_blank_amount_stays_blank()
    {
        var (xlsx, cases) = Ledger();
        var sheet = LedgerFile.Part(xlsx, "xl/worksheets/sheet1.xml");
        var ns = LedgerFile.Main;
        var firstRow = sheet.Descendants(ns + "row").Single(r => (string?)r.Attribute("r") == $"{MediationLedger.HeaderRow + 1}");
        XElement Cell(string column) => firstRow.Elements(ns + "c").Single(c => (string?)c.Attribute("r") == column + firstRow.Attribute("r")!.Value);
        string Col(string header) => PrintableSheet.ColumnName(Array.IndexOf(MediationLedger.Columns, header));

        var received = Cell(Col("受理日期"));
        Assert.Null(received.Attribute("t")); // a number, not text
        Assert.Equal(cases[0].ReceivedOn, DateOnly.FromDateTime(DateTime.FromOADate(double.Parse(received.Element(ns + "v")!.Value))));
        Assert.Equal("1500.5", Cell(Col("涉及金额(元)")).Element(ns + "v")!.Value);

        var secondRow = sheet.Descendants(ns + "row").Single(r => (string?)r.Attribute("r") == $"{MediationLedger.HeaderRow + 2}");
        var blankAmount = secondRow.Elements(ns + "c").Single(c => (string?)c.Attribute("r") == Col("涉及金额(元)") + secondRow.Attribute("r")!.Value);
        Assert.Null(blankAmount.Element(ns + "v"));

        using var stream = new MemoryStream(xlsx);
        var rows = MiniExcel.Query(stream, useHeaderRow: true, sheetName: MediationLedger.SheetName, startCell: $"A{MediationLedger.HeaderRow}")
            .Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("双方达成口头协议,甲方赔偿修缮费用", rows[0]["结果说明"]);
        Assert.Equal(cases[0].ReceivedOn.AddDays(7), LedgerFile.AsDate(rows[0]["办结日期"]));
        var open = cases.FindIndex(c => c.IsOpen);
        Assert.Null(rows[open]["办结日期"]);
    }

    [Fact]
    public void It_prints_on_a4_landscape_fitted_to_width_with_the_header_on_every_page()
    {
        var (xlsx, _) = Ledger();
        var ns = LedgerFile.Main;
        var sheet = LedgerFile.Part(xlsx, "xl/worksheets/sheet1.xml").Root!;
        var setup = sheet.Element(ns + "pageSetup")!;
        Assert.Equal("landscape", (string?)setup.Attribute("orientation"));
        Assert.Equal("9", (string?)setup.Attribute("paperSize"));
        Assert.Equal("1", (string?)setup.Attribute("fitToWidth"));
        Assert.Equal("0", (string?)setup.Attribute("fitToHeight"));
        Assert.Equal("1", (string?)sheet.Element(ns + "sheetPr")!.Element(ns + "pageSetUpPr")!.Attribute("fitToPage"));
        Assert.Equal(MediationLedger.Columns.Length, sheet.Element(ns + "cols")!.Elements(ns + "col").Count(c => (string?)c.Attribute("customWidth") == "1"));
        var titles = LedgerFile.Part(xlsx, "xl/workbook.xml").Descendants(ns + "definedName").Single(d => (string?)d.Attribute("name") == "_xlnm.Print_Titles");
        Assert.EndsWith($"!${MediationLedger.HeaderRow}:${MediationLedger.HeaderRow}", titles.Value);
        Assert.Contains("&P", sheet.Element(ns + "headerFooter")!.Value);
    }

    [Fact]
    public void LibreOffice_prints_a_long_ledger_on_landscape_pages_with_every_column()
    {
        var many = Enumerable.Range(1, 60).Select(i =>
        {
            var c = Case(new DateOnly(2026, 1, 1).AddDays(i * 5), DisputeType.Neighbour, "东岭村", i % 3 == 0 ? MediationStatus.InProgress : MediationStatus.Succeeded, AgreementForm.Written);
            c.Year = 2026; c.Seq = i; c.CaseNo = $"2026-{i:000}"; c.AmountInvolved = i * 100; c.OutcomeNote = "达成书面协议,当场履行";
            c.Summary = "双方因宅基地边界发生争执,经现场勘查后调解";
            return c;
        }).ToList();
        var xlsx = MediationLedger.Build(many, c => c.ReceivedOn.AddDays(3), "2026年", new DateOnly(2026, 12, 3));
        var dir = Path.Combine(Path.GetTempPath(), "chatbot-tests", "ledger-" + Guid.NewGuid().ToString("N"));
        var pages = LedgerFile.RenderPages(xlsx, dir);
        Assert.True(pages.Count >= 2, $"60 cases on {pages.Count} page(s)");
        foreach (var page in pages)
        {
            var (w, h, _, _) = ChatBot.Tests.Teams.PngImage.ReadHeader(File.ReadAllBytes(page));
            Assert.True(w > h, $"{page} is {w}x{h}, not landscape");
        }
        // Every column fits the page width: the PDF's text has the last header on the first page and on the second.
        var text = PdfText(Path.Combine(dir, "ledger.pdf"));
        var perPage = text.Split('\f');
        Assert.Contains("群体性", perPage[0]);
        Assert.Contains("案号", perPage[1]); // the header row repeated
        Assert.Contains("群体性", perPage[1]);
    }

    private static string PdfText(string pdf)
    {
        using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pdftotext", $"{pdf} -") { RedirectStandardOutput = true })!;
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return Regex.Replace(text, "[ \t]+", " ");
    }
}
