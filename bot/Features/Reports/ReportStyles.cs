using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ChatBot.Bot.Features.Reports;

/// <summary>
/// The official-document typography of the report (GB/T 9704 as township offices use it): A4, margins top 3.7 cm,
/// bottom 3.5 cm, left 2.8 cm, right 2.6 cm; title 方正小标宋简体 二号; body 仿宋_GB2312 三号 on a fixed 28.95 pt line
/// (22 lines a page); 一、 headings 黑体 三号, (一) headings 楷体_GB2312 三号; page numbers "— 1 —" 宋体 四号 centred.
/// Fonts a computer lacks fall back through the font table's alternative names (仿宋, 楷体, 宋体).
/// </summary>
internal static class ReportStyles
{
    public const string Title = "ReportTitle";
    public const string Heading1 = "ReportHeading1";
    public const string Heading2 = "ReportHeading2";
    public const string Body = "ReportBody";
    public const string TableText = "ReportTable";
    public const string Caption = "ReportCaption";

    public const string TitleFont = "方正小标宋简体";
    public const string BodyFont = "仿宋_GB2312";
    public const string Heading1Font = "黑体";
    public const string Heading2Font = "楷体_GB2312";
    public const string PageNumberFont = "宋体";

    /// <summary>Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt.</summary>
    public const int Size2 = 44, Size3 = 32, Size4 = 28, Size5 = 21;

    /// <summary>Twips (1 cm = 567): A4 and the margins.</summary>
    public const int PageWidth = 11906, PageHeight = 16838, MarginTop = 2098, MarginBottom = 1985, MarginLeft = 1588, MarginRight = 1474;

    /// <summary>The fixed body line: 28.95 pt (579 twips), 22 lines on the 22.5 cm of text height.</summary>
    public const int BodyLine = 579;

    public static Styles Build() => new(
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(Fonts(BodyFont), new FontSize { Val = Size3.ToString() },
                // Latin text in English: with zh-CN LibreOffice broke numbers across lines ("1" / "0人").
                new FontSizeComplexScript { Val = Size3.ToString() }, new Languages { Val = "en-US", EastAsia = "zh-CN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { Before = "0", After = "0", Line = BodyLine.ToString(), LineRule = LineSpacingRuleValues.Exact }))),
        ParagraphStyle(Body, "正文", BodyFont, Size3, JustificationValues.Both, firstLineIndent: true),
        ParagraphStyle(Title, "报告标题", TitleFont, Size2, JustificationValues.Center, firstLineIndent: false, lineTwips: 700),
        ParagraphStyle(Heading1, "一级标题", Heading1Font, Size3, JustificationValues.Both, firstLineIndent: true, outline: 0),
        ParagraphStyle(Heading2, "二级标题", Heading2Font, Size3, JustificationValues.Both, firstLineIndent: true, outline: 1),
        ParagraphStyle(TableText, "表格文字", BodyFont, Size5, JustificationValues.Left, firstLineIndent: false, lineTwips: 300),
        ParagraphStyle(Caption, "表格标题", Heading1Font, Size4, JustificationValues.Center, firstLineIndent: false, lineTwips: 440));

    /// <summary>The font table: every font the report names, with the one to use where it is missing.</summary>
    public static Fonts FontTable() => new(
        FontEntry(TitleFont, "宋体"), FontEntry(BodyFont, "仿宋"), FontEntry(Heading1Font, "SimHei"), FontEntry(Heading2Font, "楷体"), FontEntry(PageNumberFont, "SimSun"));

    public static RunFonts Fonts(string font) => new() { Ascii = font, HighAnsi = font, EastAsia = font, ComplexScript = font };

    private static Font FontEntry(string name, string alternative) => new(new AltName { Val = alternative }, new FontCharSet { Val = "86" },
        new FontFamily { Val = FontFamilyValues.Auto }) { Name = name };

    private static Style ParagraphStyle(string id, string name, string font, int size, JustificationValues justify, bool firstLineIndent, int? outline = null, int lineTwips = BodyLine)
    {
        var paragraph = new StyleParagraphProperties(
            // Only the body keeps to the page's 22-line grid; table text snapped to it would get a 29 pt line.
            new SnapToGrid { Val = lineTwips == BodyLine },
            new SpacingBetweenLines { Before = "0", After = "0", Line = lineTwips.ToString(), LineRule = LineSpacingRuleValues.Exact },
            // Two characters: 200 hundredths of a character, 640 twips at 三号 for readers that ignore the character unit.
            firstLineIndent ? new Indentation { FirstLineChars = 200, FirstLine = "640" } : new Indentation { FirstLine = "0" },
            new Justification { Val = justify });
        if (outline is { } level) paragraph.Append(new OutlineLevel { Val = level });
        return new Style(new StyleName { Val = name }, new PrimaryStyle(), paragraph,
            new StyleRunProperties(Fonts(font), new FontSize { Val = size.ToString() }, new FontSizeComplexScript { Val = size.ToString() }))
        { Type = StyleValues.Paragraph, StyleId = id, CustomStyle = true };
    }
}
