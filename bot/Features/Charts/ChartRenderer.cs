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

    /// <remarks>Type sizes are large for the image size: a card on a phone shows the picture about 300 px wide.</remarks>
    /// <summary>The font family the labels are drawn with (after the fallback to a font file).</summary>
    public string FontFamily => _family;

    public byte[] RenderPng(ChartModel chart, int? width = null, int? height = null)
    {
        var plot = new Plot();
        plot.Font.Set(_family);
        plot.Title(chart.Title, 26);
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
        barPlot.ValueLabelStyle.FontSize = 20;
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var i = 0; i < chart.Bars.Count; i++) ticks.AddMajor(i, chart.Bars[i].Label);
        var categoryAxis = chart.Horizontal ? (IAxis)plot.Axes.Left : plot.Axes.Bottom;
        var valueAxis = chart.Horizontal ? (IAxis)plot.Axes.Bottom : plot.Axes.Left;
        categoryAxis.TickGenerator = ticks;
        categoryAxis.TickLabelStyle.FontName = _family;
        categoryAxis.TickLabelStyle.FontSize = chart.Bars.Count > 8 ? 16 : 20;
        categoryAxis.MinorTickStyle.Length = 0;
        if (!chart.Horizontal && chart.Bars.Count > 12)
        {
            categoryAxis.TickLabelStyle.Rotation = -45;
            categoryAxis.TickLabelStyle.Alignment = Alignment.MiddleRight;
        }
        valueAxis.TickLabelStyle.FontName = _family;
        valueAxis.TickLabelStyle.FontSize = 17;
        valueAxis.MinorTickStyle.Length = 0;
        // Counts get whole-number ticks; a rate gets 0–100 % (room above 100 for the bar's label).
        double top;
        if (chart.Percent)
        {
            var percentTicks = new ScottPlot.TickGenerators.NumericManual();
            for (var p = 0; p <= 100; p += 20) percentTicks.AddMajor(p, p + "%");
            valueAxis.TickGenerator = percentTicks;
            top = 112;
        }
        else
        {
            valueAxis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
            top = (chart.Bars.Count == 0 ? 1 : Math.Max(1, chart.Bars.Max(b => b.Value))) * 1.15;
        }
        plot.Grid.MajorLineColor = Color.FromHex("#e5e7eb");
        if (chart.Horizontal)
        {
            plot.Axes.SetLimitsX(0, top);
            plot.Axes.SetLimitsY(chart.Bars.Count - 0.5, -0.5);
        }
        else
        {
            plot.Axes.SetLimitsY(0, top);
            plot.Axes.SetLimitsX(-0.5, Math.Max(chart.Bars.Count, 1) - 0.5);
        }
        // Horizontal bars get the height their number needs (one department should not be a 400-px-high bar).
        var defaultHeight = chart.Horizontal ? Math.Clamp(150 + 56 * chart.Bars.Count, 240, 2 * _options.Height) : _options.Height;
        return plot.GetImageBytes(width ?? _options.Width, height ?? defaultHeight, ImageFormat.Png);
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
