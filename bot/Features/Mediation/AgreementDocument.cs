using System.Globalization;
using ChatBot.Storage.Mediation;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>
/// 人民调解协议书 of a settled case with a written agreement, with every item 人民调解法 §29 requires, laid out as a
/// Chinese official document (GB/T 9704): A4, margins 3.7 / 3.5 / 2.8 / 2.6 cm, title 小标宋 二号, body 仿宋 三号 on a
/// 28-point line, headings 黑体 三号, page numbers in the footer. Always in Chinese: it is the legal document.
/// </summary>
internal static class AgreementDocument
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string TitleFont = "方正小标宋简体", BodyFont = "仿宋", HeadingFont = "黑体", LatinFont = "Times New Roman";
    /// <summary>Sizes in half-points: 二号 22pt, 三号 16pt, 四号 14pt.</summary>
    public const int Size2 = 44, Size3 = 32, Size4 = 28;
    private const string Blank = "________";
    private static readonly string[] Sides = ["甲方", "乙方", "丙方", "丁方", "戊方", "己方", "庚方", "辛方", "壬方", "癸方"];

    public static bool CanPrint(MediationCase c) => c.Status == MediationStatus.Succeeded && c.AgreementForm == AgreementForm.Written;

    /// <summary>"(2026)东岭镇人调字第014号": the committee's name without "人民调解委员会", the year and the case's number.</summary>
    public static string FileNumber(MediationCase c, string committee)
    {
        var prefix = committee.Trim();
        foreach (var suffix in new[] { "人民调解委员会", "调解委员会", "调委会" })
            if (prefix.EndsWith(suffix, StringComparison.Ordinal)) { prefix = prefix[..^suffix.Length]; break; }
        return $"（{c.Year}）{prefix}人调字第{c.Seq:000}号";
    }

    public static string FileName(MediationCase c) => $"人民调解协议书-{c.CaseNo}.docx";

    /// <summary>"张三" for a party, "甲方", "乙方" … by its place in the case.</summary>
    public static string Side(int index) => index < Sides.Length ? Sides[index] : $"当事人{index + 1}";

    public static byte[] Build(MediationCase c, string committee, DateOnly madeOn)
    {
        var signedOn = c.ClosedOn ?? madeOn;
        var body = new Body();
        body.Append(Para(Run("人民调解协议书", TitleFont, Size2), JustificationValues.Center, spacingAfter: 240));
        body.Append(Para(Run(FileNumber(c, committee), BodyFont, Size3), JustificationValues.Right));

        body.Append(Heading("当事人基本情况"));
        for (var i = 0; i < c.Parties.Count; i++) body.Append(Text(PartyLine(Side(i), c.Parties[i], signedOn.Year)));

        body.Append(Heading("一、纠纷的主要事实"));
        body.Append(Text(c.Summary));
        body.Append(Heading("二、争议事项及各方责任"));
        body.Append(Text(string.IsNullOrWhiteSpace(c.Responsibility) ? Blank + Blank + Blank : c.Responsibility));
        body.Append(Heading("三、协议内容"));
        body.Append(Text($"经{committee}主持调解，各方当事人在平等协商、自愿的基础上达成如下协议："));
        foreach (var term in Lines(c.AgreementTerms)) body.Append(Text(term));
        body.Append(Heading("四、履行方式和期限"));
        body.Append(Text($"履行方式：{Or(c.PerformanceManner)}。"));
        body.Append(Text($"履行期限：{(c.PerformanceDeadline is { } d ? $"{Date(d)}前履行完毕" : Blank)}。"));
        if (c.AgreementAmount > 0) body.Append(Text($"协议金额：人民币{c.AgreementAmount.ToString("#,0.##", CultureInfo.InvariantCulture)}元。"));

        var copies = c.Parties.Count + 1;
        body.Append(Heading("五、其他"));
        body.Append(Text("本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效。"));
        body.Append(Text($"本协议一式{Numeral(copies)}份，当事人各执一份，人民调解委员会留存一份。"));
        // The last paragraph goes with the signature block: a page of signatures alone would not show what was signed.
        body.Append(Para(Run("各方当事人认为有必要的，可以自本协议生效之日起三十日内共同向人民法院申请司法确认。", BodyFont, Size3), JustificationValues.Both, firstLineChars: 200, keepNext: true));

        // Room to sign after each line; the parties were named with their side (甲方, 乙方 …) above. The block is kept on
        // one page (keep with next), so the seal and the date are never left alone on a page of their own.
        body.Append(Para(Run("", BodyFont, Size3), keepNext: true));
        for (var i = 0; i < c.Parties.Count; i++) body.Append(Signature($"{Side(i)}（签名、盖章或按指印）："));
        body.Append(Signature("人民调解员（签名）："));
        body.Append(Para(Run($"{committee}（印章）", BodyFont, Size3), JustificationValues.Right, rightIndentChars: 200, keepNext: true));
        body.Append(Para(Run(Date(signedOn), BodyFont, Size3), JustificationValues.Right, rightIndentChars: 300));

        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = PageNumberFooter();
            body.Append(Section(main.GetIdOfPart(footer)));
            main.Document = new Document(body);
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = Defaults();
            main.Document.Save();
        }
        return stream.ToArray();
    }

    /// <summary>"甲方:张三,性别:男,出生年份:1980年(46岁),住址:…,联系电话:…。"; an item not recorded is a blank to fill in by hand.</summary>
    public static string PartyLine(string side, MediationParty p, int year)
    {
        if (p.Kind == PartyKind.Organisation)
            return $"{side}：{p.Name}（法人或其他组织），法定代表人/负责人：{Or(p.Representative)}，住所：{Or(p.Address)}，联系电话：{Or(p.Phone)}。";
        var sex = p.Sex switch { PartySex.Male => "男", PartySex.Female => "女", _ => Blank };
        var born = p.BirthYear is { } y ? $"{y}年（{year - y}岁）" : Blank;
        return $"{side}：{p.Name}，性别：{sex}，出生年份：{born}，住址：{Or(p.Address)}，联系电话：{Or(p.Phone)}。";
    }

    private static string Or(string? text) => string.IsNullOrWhiteSpace(text) ? Blank : text.Trim();

    private static string Date(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";

    private static IEnumerable<string> Lines(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [Blank + Blank + Blank] : text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>一 … 九十九, for the number of copies.</summary>
    public static string Numeral(int n)
    {
        const string digits = "零一二三四五六七八九";
        if (n < 10) return digits[n].ToString();
        if (n < 20) return "十" + (n % 10 == 0 ? "" : digits[n % 10].ToString());
        return digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10].ToString());
    }

    private static Paragraph Heading(string text) => Para(Run(text, HeadingFont, Size3), firstLineChars: 200);

    private static Paragraph Text(string text) => Para(Run(text, BodyFont, Size3), JustificationValues.Both, firstLineChars: 200);

    private static Paragraph Signature(string text) => Para(Run(text, BodyFont, Size3), spacingAfter: 560, keepNext: true);

    private static Run Run(string text, string font, int size) => new(
        new RunProperties(new RunFonts { Ascii = LatinFont, HighAnsi = LatinFont, EastAsia = font, Hint = FontTypeHintValues.EastAsia },
            new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) }, new FontSizeComplexScript { Val = size.ToString(CultureInfo.InvariantCulture) }),
        new Text(text) { Space = SpaceProcessingModeValues.Preserve });

    private static Paragraph Para(Run run, JustificationValues? align = null, int firstLineChars = 0, int spacingAfter = 0, int rightIndentChars = 0, bool keepNext = false)
    {
        var props = new ParagraphProperties();
        if (keepNext) props.Append(new KeepNext());
        props.Append(
            new SpacingBetweenLines { Line = "560", LineRule = LineSpacingRuleValues.Exact, Before = "0", After = spacingAfter.ToString(CultureInfo.InvariantCulture) });
        if (firstLineChars > 0 || rightIndentChars > 0)
            props.Append(new Indentation
            {
                FirstLineChars = firstLineChars > 0 ? firstLineChars : null,
                FirstLine = firstLineChars > 0 ? (firstLineChars * 16 * 20 / 100).ToString(CultureInfo.InvariantCulture) : null,
                RightChars = rightIndentChars > 0 ? rightIndentChars : null,
                Right = rightIndentChars > 0 ? (rightIndentChars * 16 * 20 / 100).ToString(CultureInfo.InvariantCulture) : null,
            });
        if (align is { } a) props.Append(new Justification { Val = a });
        return new Paragraph(props, run);
    }

    /// <summary>A4 (11906 × 16838 twips); margins top 3.7 cm, bottom 3.5 cm, left 2.8 cm, right 2.6 cm (567 twips a cm).</summary>
    private static SectionProperties Section(string footerId) => new(
        new FooterReference { Type = HeaderFooterValues.Default, Id = footerId },
        new PageSize { Width = 11906U, Height = 16838U },
        new PageMargin { Top = 2098, Bottom = 1984, Left = 1588U, Right = 1474U, Header = 851U, Footer = 992U, Gutter = 0U },
        new DocGrid { Type = DocGridValues.Lines, LinePitch = 560 });

    /// <summary>"— 1 —" centred, 宋体 四号, as official documents number their pages.</summary>
    private static Footer PageNumberFooter()
    {
        static Run Dash(string text) => new(new RunProperties(new RunFonts { Ascii = "宋体", HighAnsi = "宋体", EastAsia = "宋体" }, new FontSize { Val = Size4.ToString(CultureInfo.InvariantCulture) }),
            new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        return new Footer(new Paragraph(
            new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
            Dash("— "),
            new SimpleField(Dash("1")) { Instruction = " PAGE " },
            Dash(" —")));
    }

    /// <summary>Document defaults: 仿宋 三号, so anything without its own formatting is body text.</summary>
    private static Styles Defaults() => new(
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = LatinFont, HighAnsi = LatinFont, EastAsia = BodyFont },
                new FontSize { Val = Size3.ToString(CultureInfo.InvariantCulture) },
                new Languages { Val = "en-US", EastAsia = "zh-CN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { Line = "560", LineRule = LineSpacingRuleValues.Exact }))));
}
