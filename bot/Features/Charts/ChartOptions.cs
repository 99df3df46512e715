namespace ChatBot.Bot.Features.Charts;

/// <summary>The "Charts" configuration section: how the stats cards' chart images are drawn and served.</summary>
internal sealed class ChartOptions
{
    public const string Section = "Charts";

    /// <summary>The font the labels are drawn with; it must have the Chinese glyphs (CI and the Debian image install fonts-noto-cjk).</summary>
    public string FontFamily { get; set; } = "Noto Sans CJK SC";
    /// <summary>A font file to use when <see cref="FontFamily"/> is not installed under that name (a .ttf/.otf/.ttc path); empty: search the usual font folders.</summary>
    public string FontFile { get; set; } = "";
    /// <summary>How long a chart link works, in hours.</summary>
    public int LinkHours { get; set; } = 24;
    /// <summary>Image width in pixels (the cards scale it to the chat's width).</summary>
    public int Width { get; set; } = 640;
    /// <summary>Image height in pixels of a column chart; a chart of horizontal bars is as high as its bars need (at most twice this).</summary>
    public int Height { get; set; } = 400;
}
