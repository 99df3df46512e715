using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;

namespace ChatBot.Tests.Mediation;

/// <summary>Reads the parts of an .xlsx the ledger tests look at, and renders it to PNG pages with LibreOffice.</summary>
internal static class LedgerFile
{
    public static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    public static XDocument Part(byte[] xlsx, string path)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        using var stream = zip.GetEntry(path)!.Open();
        return XDocument.Load(stream);
    }

    /// <summary>A date cell as MiniExcel returns it (DateTime, or the serial number).</summary>
    public static DateOnly? AsDate(object? value) => value switch
    {
        null => null,
        DateTime d => DateOnly.FromDateTime(d),
        double serial => DateOnly.FromDateTime(DateTime.FromOADate(serial)),
        _ => throw new Xunit.Sdk.XunitException($"not a date cell: {value} ({value.GetType().Name})"),
    };

    /// <summary>xlsx or docx → PDF (soffice) → one PNG per page (pdftoppm); fails when either tool is missing.</summary>
    /// <param name="fileName">"ledger.xlsx", "agreement.docx": the PDF is named after it.</param>
    public static IReadOnlyList<string> RenderPages(byte[] document, string dir, string fileName = "ledger.xlsx", int dpi = 60)
    {
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, fileName);
        File.WriteAllBytes(file, document);
        Run("soffice", $"--headless -env:UserInstallation=file://{dir}/lo-profile --convert-to pdf --outdir {dir} {file}");
        var pdf = Path.Combine(dir, Path.ChangeExtension(fileName, ".pdf"));
        Assert.True(File.Exists(pdf), "soffice made no PDF (a .docx needs LibreOffice Writer: libreoffice-writer-nogui)");
        Run("pdftoppm", $"-png -r {dpi} {pdf} {Path.Combine(dir, "page")}");
        return Directory.GetFiles(dir, "page*.png").Order().ToList();
    }

    private static void Run(string tool, string args)
    {
        using var p = Process.Start(new ProcessStartInfo(tool, args) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException(tool + " did not start");
        var err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(120_000)) { p.Kill(true); Assert.Fail(tool + " timed out"); }
        Assert.True(p.ExitCode == 0, $"{tool} failed: {err.Result}");
    }
}
