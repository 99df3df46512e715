using Microsoft.Extensions.Options;
using ScottPlot;
using SkiaSharp;

namespace ChatBot.Bot.Features.Charts;

/// <summary>
/// Draws a <see cref="ChartModel"/> as a PNG (ScottPlot on SkiaSharp). Plain and injectable so the stats cards and
/// the annual report draw the same charts. Labels use <see cref="ChartOptions.FontFamily"/>: ScottPlot falls back to a
/// Latin font for a family it cannot find, which draws Chinese as boxes, so a family that does not resolve is loaded
/// from its file instead.
/// </summary>
internal sealed class ChartRenderer
{
    private static readonly Lock FontLock = new();
    private static readonly string[] FontFolders = ["/usr/share/fonts", "/usr/local/share/fonts", "/System/Library/Fonts", @"C:\Windows\Fonts"];
    private static readonly string[] CjkFiles = ["NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf", "NotoSansSC-Regular.otf", "NotoSansSC-Regular.ttf", "msyh.ttc", "PingFang.ttc"];
    private const string DefaultColor = "#1f4e8c";

    private readonly ChartOptions _options;
    private readonly string _family;

    public ChartRenderer(IOptions<ChartOptions> options)
    {
        _options = options.Value;
        _family = ResolveFamily(_options.FontFamily, _options.FontFile);
    }

    /// <summary>The font family the labels are drawn with (after the fallback to a font file).</summary>
    public string FontFamily => _family;

    public byte[] RenderPng(ChartModel chart, int? width = null, int? height = null)
    {
        var plot = new Plot();
        plot.Font.Set(_family);
        plot.Title(chart.Title, 22);
        plot.Axes.Title.Label.FontName = _family;
        var bars = chart.Bars.Select((b, i) => new Bar
        {
            Position = i,
            Value = b.Value,
            FillColor = Color.FromHex(b.Color ?? DefaultColor),
            LineWidth = 0,
            Label = chart.ValueText(b.Value),
            CenterLabel = false,
        }).ToList();
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = chart.Horizontal;
        barPlot.ValueLabelStyle.FontName = _family;
        barPlot.ValueLabelStyle.FontSize = 16;
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var i = 0; i < chart.Bars.Count; i++) ticks.AddMajor(i, chart.Bars[i].Label);
        var categoryAxis = chart.Horizontal ? (IAxis)plot.Axes.Left : plot.Axes.Bottom;
        var valueAxis = chart.Horizontal ? (IAxis)plot.Axes.Bottom : plot.Axes.Left;
        categoryAxis.TickGenerator = ticks;
        categoryAxis.TickLabelStyle.FontName = _family;
        categoryAxis.TickLabelStyle.FontSize = 15;
        categoryAxis.MajorTickStyle.Length = 0;
        valueAxis.TickLabelStyle.FontName = _family;
        valueAxis.TickLabelStyle.FontSize = 14;
        if (!chart.Horizontal && chart.Bars.Count > 8) categoryAxis.TickLabelStyle.Rotation = -45;
        if (!chart.Horizontal && chart.Bars.Count > 8) categoryAxis.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.Grid.MajorLineColor = Color.FromHex("#e5e7eb");
        var max = chart.Bars.Count == 0 ? 1 : Math.Max(1, chart.Bars.Max(b => b.Value));
        if (chart.Horizontal)
        {
            plot.Axes.SetLimitsX(0, max * 1.15);
            plot.Axes.SetLimitsY(chart.Bars.Count - 0.5, -0.5);
        }
        else
        {
            plot.Axes.SetLimitsY(0, max * 1.15);
            plot.Axes.SetLimitsX(-0.5, Math.Max(chart.Bars.Count, 1) - 0.5);
        }
        return plot.GetImageBytes(width ?? _options.Width, height ?? _options.Height, ImageFormat.Png);
    }

    /// <summary>The family when the font manager knows it; else the family registered from its file; else as given.</summary>
    private static string ResolveFamily(string family, string fontFile)
    {
        lock (FontLock)
        {
            using (var typeface = SKFontManager.Default.MatchFamily(family))
                if (typeface is not null && string.Equals(typeface.FamilyName, family, StringComparison.OrdinalIgnoreCase) && fontFile.Length == 0)
                    return family;
            var file = fontFile.Length > 0 && File.Exists(fontFile) ? fontFile : FindCjkFile();
            if (file is null) return family;
            Fonts.AddFontFile(family, file);
            return family;
        }
    }

    private static string? FindCjkFile()
    {
        foreach (var folder in FontFolders.Where(Directory.Exists))
            foreach (var name in CjkFiles)
                if (Directory.EnumerateFiles(folder, name, SearchOption.AllDirectories).FirstOrDefault() is { } path) return path;
        return null;
    }
}
