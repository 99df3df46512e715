using System.Diagnostics;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ChatBot.Tests.Reports;

/// <summary>Reads a report .docx the way a test needs it, and renders it to PNG pages with LibreOffice.</summary>
internal static partial class ReportFile
{
    /// <summary>Every paragraph's text (tables included), one a line, with the full-width punctuation made ASCII so assertions read like the stats replies.</summary>
    public static string Text(byte[] docx)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var lines = doc.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>().Select(p => string.Concat(p.Descendants<Text>().Select(t => t.Text)));
        return HalfWidth(string.Join("\n", lines));
    }

    public static string HalfWidth(string s) => s.Replace('\uFF0C', ',').Replace('\uFF1B', ';').Replace('\uFF1A', ':').Replace('\uFF08', '(').Replace('\uFF09', ')');

    /// <summary>The one match of a pattern in the text, as its groups; fails with the text when there is none.</summary>
    public static GroupCollection One(string text, string pattern)
    {
        var m = Regex.Match(text, pattern);
        Assert.True(m.Success, $"no match for {pattern} in:\n{text[..Math.Min(text.Length, 6000)]}");
        return m.Groups;
    }

    /// <summary>docx → PDF (soffice) → one PNG per page (pdftoppm); fails when either tool is missing.</summary>
    public static (string Pdf, IReadOnlyList<string> Pages) Render(byte[] docx, string dir, int dpi = 60)
    {
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "report.docx");
        File.WriteAllBytes(file, docx);
        Run("soffice", $"--headless -env:UserInstallation=file://{dir}/lo-profile --convert-to pdf --outdir {dir} {file}");
        var pdf = Path.Combine(dir, "report.pdf");
        Assert.True(File.Exists(pdf), "soffice made no PDF (is libreoffice-writer-nogui installed?)");
        Run("pdftoppm", $"-png -r {dpi} {pdf} {Path.Combine(dir, "page")}");
        return (pdf, Directory.GetFiles(dir, "page*.png").Order().ToList());
    }

    public static string Run(string tool, string arguments)
    {
        using var p = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(180_000), $"{tool} did not finish");
        Assert.True(p.ExitCode == 0, $"{tool} failed: {error.Result}");
        return output.Result;
    }
}
