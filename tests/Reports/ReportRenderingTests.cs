using System.Text.RegularExpressions;
using ChatBot.Bot.Features.Reports;
using ChatBot.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ChatBot.Tests.Reports;

/// <summary>The report's typography as set in the file, and as LibreOffice lays it out (PDF and PNG pages to look at).</summary>
public class ReportRenderingTests
{
    [Fact]
    public async Task The_docx_is_an_A4_official_document_and_renders_to_pdf_pages()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 20, 2, 0, 0, TimeSpan.Zero));
        using var host = new BotHost(settings: new() { ["Reminders:Enabled"] = "false" }, clock: clock);
        ReportDataset.Seed(host, cases: 40, tasks: 20, new DateOnly(2026, 12, 20));
        await host.SendAsync(Activities.GroupMention("帮助"));
        var (_, docx) = await ReportFiguresTests.ReportAsync(host, "年度报告 2026");

        using (var doc = WordprocessingDocument.Open(new MemoryStream(docx), false))
        {
            var section = doc.MainDocumentPart!.Document!.Body!.GetFirstChild<SectionProperties>()!;
            var size = section.GetFirstChild<PageSize>()!;
            var margin = section.GetFirstChild<PageMargin>()!;
            // A4 210 × 297 mm; 3.7 / 3.5 / 2.8 / 2.6 cm at 567 twips a centimetre.
            Assert.Equal((11906U, 16838U), (size.Width!.Value, size.Height!.Value));
            Assert.Equal((2098, 1985, 1588U, 1474U), (margin.Top!.Value, margin.Bottom!.Value, margin.Left!.Value, margin.Right!.Value));
            var styles = doc.MainDocumentPart.StyleDefinitionsPart!.Styles!.Elements<Style>().ToDictionary(s => s.StyleId!.Value!);
            void AssertStyle(string id, string font, string halfPoints)
            {
                var run = styles[id].StyleRunProperties!;
                Assert.Equal(font, run.RunFonts!.EastAsia!.Value);
                Assert.Equal(halfPoints, run.FontSize!.Val!.Value);
            }
            AssertStyle(ReportStyles.Title, "方正小标宋简体", "44");   // 二号
            AssertStyle(ReportStyles.Body, "仿宋_GB2312", "32");      // 三号
            AssertStyle(ReportStyles.Heading1, "黑体", "32");
            AssertStyle(ReportStyles.Heading2, "楷体_GB2312", "32");
            var spacing = styles[ReportStyles.Body].StyleParagraphProperties!.SpacingBetweenLines!;
            Assert.Equal(LineSpacingRuleValues.Exact, spacing.LineRule!.Value);
            Assert.InRange(int.Parse(spacing.Line!.Value!), 560, 580); // 28–29 pt
            Assert.Equal(JustificationValues.Center, styles[ReportStyles.Title].StyleParagraphProperties!.Justification!.Val!.Value);
            var fonts = doc.MainDocumentPart.FontTablePart!.Fonts!.Elements<Font>().ToDictionary(f => f.Name!.Value!, f => f.AltName!.Val!.Value);
            Assert.Equal("宋体", fonts["方正小标宋简体"]);
            Assert.Equal("仿宋", fonts["仿宋_GB2312"]);
            var footer = string.Concat(doc.MainDocumentPart.FooterParts.Single().Footer!.Descendants<Text>().Select(t => t.Text));
            Assert.Equal("— 1 —", footer);
            Assert.Contains(" PAGE ", doc.MainDocumentPart.FooterParts.Single().Footer!.InnerText);
            // The stats cards' charts follow each section's figures: 学法 (attendance), 调解 (by month, by type),
            // 督办 (traffic lights, on-time rate by department), as PNG pictures with their figures as the description.
            var pictures = doc.MainDocumentPart.Document.Body.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties>().ToList();
            Assert.True(pictures.Count >= 4, $"{pictures.Count} chart(s)");
            Assert.Contains(pictures, p => p.Description!.Value!.StartsWith("每月受理纠纷(起):"));
            Assert.Contains(pictures, p => p.Description!.Value!.StartsWith("按纠纷类型受理(起):"));
            Assert.Contains(pictures, p => p.Description!.Value!.StartsWith("任务红黄绿灯(项):"));
            Assert.All(doc.MainDocumentPart.ImageParts, part =>
            {
                using var png = part.GetStream();
                var head = new byte[8];
                png.ReadExactly(head);
                Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, head);
            });
            var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
            // Placeholders are highlighted.
            var placeholder = doc.MainDocumentPart.Document.Body.Descendants<Run>().First(r => r.InnerText.StartsWith(ReportDocument.PlaceholderStart));
            Assert.Equal(HighlightColorValues.Yellow, placeholder.RunProperties!.Highlight!.Val!.Value);
        }

        var dir = Path.Combine(Path.GetTempPath(), "chatbot-report-render-" + Guid.NewGuid().ToString("N")[..8]);
        var (pdf, pages) = ReportFile.Render(docx, dir);
        var info = ReportFile.Run("pdfinfo", pdf);
        Assert.Matches(new Regex(@"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)"), info);
        Assert.True(pages.Count >= 4, $"{pages.Count} page(s) in {dir}");
        // pdftotext puts a space between Latin and CJK text ("2026 年"): compare without spaces.
        var text = ReportFile.Run("pdftotext", $"{pdf} -").Replace(" ", "");
        Assert.Contains("2026年度法治政府建设情况报告", text);
        Assert.Contains("—1—", text);
        Assert.Contains("—2—", text);
        Assert.Contains("一、主要举措和成效", text);
        Assert.Contains("表1人民调解案件", text);
    }
}
