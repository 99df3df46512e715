using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>
/// A one-sheet .xlsx laid out for printing, written as SpreadsheetML directly (MiniExcel has no page setup): a title
/// row, a subtitle row, a header row repeated on every printed page, real date and number cells, column widths,
/// borders and wrapping, frozen header, auto-filter, A4 landscape fitted to the page width, page numbers in the footer.
/// </summary>
internal sealed class PrintableSheet(string sheetName, string title, string subtitle, IReadOnlyList<PrintableSheet.Column> columns, bool landscape = true)
{
    /// <summary><see cref="Figure"/>: the cell follows its value: int a count, decimal yuan, double a rate (percent),
    /// string text; <see cref="Change"/> the same with a sign (+2, -1).</summary>
    internal enum Kind { Text, Date, Integer, Money, Figure, Change, Decimal, Percent }

    internal sealed record Column(string Header, double Width, Kind Kind = Kind.Text);

    private readonly List<object?[]> _rows = new();

    /// <summary>A data row: string, DateOnly?, int?, decimal? by column kind; null is an empty cell.</summary>
    public void AddRow(params object?[] cells) => _rows.Add(cells);

    // Style indexes in styles.xml (cellXfs order).
    private const int TitleStyle = 1, SubtitleStyle = 2, HeaderStyle = 3, TextStyle = 4, DateStyle = 5, IntegerStyle = 6, MoneyStyle = 7,
        PercentStyle = 8, SignedIntegerStyle = 9, SignedMoneyStyle = 10, CentredTextStyle = 11, BoldTextStyle = 12, DecimalStyle = 13;
    private const int HeaderRow = 3;

    public byte[] ToXlsx() => ToXlsx([this]);

    /// <summary>A workbook of several printable sheets (each with its own title, header row, print titles and filter).</summary>
    public static byte[] ToXlsx(IReadOnlyList<PrintableSheet> sheets)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "[Content_Types].xml", ContentTypes(sheets.Count));
            Add(zip, "_rels/.rels", RootRels);
            Add(zip, "xl/workbook.xml", Workbook(sheets));
            Add(zip, "xl/_rels/workbook.xml.rels", WorkbookRels(sheets.Count));
            Add(zip, "xl/styles.xml", Styles);
            for (var i = 0; i < sheets.Count; i++) Add(zip, $"xl/worksheets/sheet{i + 1}.xml", sheets[i].Sheet());
        }
        return stream.ToArray();
    }

    private static void Add(ZipArchive zip, string path, string xml)
    {
        using var writer = new StreamWriter(zip.CreateEntry(path, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
        writer.Write(xml);
    }

    private string LastColumn => ColumnName(columns.Count - 1);

    private string Name => sheetName;

    private static string Workbook(IReadOnlyList<PrintableSheet> sheets)
    {
        var sb = new StringBuilder();
        sb.Append("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""");
        sb.Append("""<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>""");
        for (var i = 0; i < sheets.Count; i++) sb.Append($"""<sheet name="{Xml(sheets[i].Name)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>""");
        sb.Append("</sheets><definedNames>");
        for (var i = 0; i < sheets.Count; i++)
        {
            var s = sheets[i];
            sb.Append($"""<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">{Xml(s.SheetRef)}!$A${HeaderRow}:${s.LastColumn}${HeaderRow + Math.Max(s._rows.Count, 1)}</definedName>""");
            sb.Append($"""<definedName name="_xlnm.Print_Titles" localSheetId="{i}">{Xml(s.SheetRef)}!${HeaderRow}:${HeaderRow}</definedName>""");
        }
        sb.Append("</definedNames></workbook>");
        return sb.ToString();
    }

    private string SheetRef => "'" + sheetName.Replace("'", "''") + "'";

    private string Sheet()
    {
        var sb = new StringBuilder();
        sb.Append("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""");
        sb.Append("""<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">""");
        sb.Append("""<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>""");
        sb.Append($"""<dimension ref="A1:{LastColumn}{HeaderRow + _rows.Count}"/>""");
        sb.Append($"""<sheetViews><sheetView workbookViewId="0"><pane ySplit="{HeaderRow}" topLeftCell="A{HeaderRow + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A{HeaderRow + 1}" sqref="A{HeaderRow + 1}"/></sheetView></sheetViews>""");
        sb.Append("""<sheetFormatPr defaultRowHeight="15"/>""");
        sb.Append("<cols>");
        for (var i = 0; i < columns.Count; i++)
            sb.Append(CultureInfo.InvariantCulture, $"""<col min="{i + 1}" max="{i + 1}" width="{columns[i].Width}" customWidth="1"/>""");
        sb.Append("</cols><sheetData>");
        sb.Append($"""<row r="1" ht="28" customHeight="1">{InlineCell("A1", title, TitleStyle)}</row>""");
        sb.Append($"""<row r="2" ht="18" customHeight="1">{InlineCell("A2", subtitle, SubtitleStyle)}</row>""");
        sb.Append($"""<row r="{HeaderRow}" ht="30" customHeight="1">""");
        for (var i = 0; i < columns.Count; i++) sb.Append(InlineCell($"{ColumnName(i)}{HeaderRow}", columns[i].Header, HeaderStyle));
        sb.Append("</row>");
        for (var r = 0; r < _rows.Count; r++)
        {
            var rowNo = HeaderRow + 1 + r;
            // Excel and LibreOffice do not grow a row for wrapped text on opening: the height is set from the text.
            var lines = 1;
            for (var i = 0; i < columns.Count && i < _rows[r].Length; i++)
                if (columns[i].Kind == Kind.Text && (_rows[r][i] is Heading h ? h.Text : _rows[r][i]?.ToString()) is { Length: > 0 } text) lines = Math.Max(lines, LinesFor(text, columns[i].Width));
            sb.Append(CultureInfo.InvariantCulture, $"""<row r="{rowNo}" ht="{lines * 13 + 3}" customHeight="1">""");
            for (var i = 0; i < columns.Count; i++)
            {
                var cell = $"{ColumnName(i)}{rowNo}";
                var value = i < _rows[r].Length ? _rows[r][i] : null;
                sb.Append(columns[i].Kind switch
                {
                    Kind.Date when value is DateOnly d => NumberCell(cell, (d.ToDateTime(TimeOnly.MinValue) - new DateTime(1899, 12, 30)).TotalDays, DateStyle),
                    Kind.Integer when value is int n => NumberCell(cell, n, IntegerStyle),
                    Kind.Money when value is decimal m => NumberCell(cell, (double)m, MoneyStyle),
                    Kind.Figure or Kind.Change => FigureCell(cell, value, columns[i].Kind == Kind.Change),
                    Kind.Decimal when value is double x => NumberCell(cell, x, DecimalStyle),
                    Kind.Percent when value is double f => NumberCell(cell, f, PercentStyle),
                    Kind.Date => EmptyCell(cell, DateStyle),
                    Kind.Decimal => EmptyCell(cell, DecimalStyle),
                    Kind.Percent => EmptyCell(cell, PercentStyle),
                    Kind.Integer => EmptyCell(cell, IntegerStyle),
                    Kind.Money => EmptyCell(cell, MoneyStyle),
                    _ when value is Heading h => InlineCell(cell, h.Text, BoldTextStyle),
                    _ => value is null || value.ToString() is "" ? EmptyCell(cell, TextStyle) : InlineCell(cell, value.ToString()!, TextStyle),
                });
            }
            sb.Append("</row>");
        }
        sb.Append("</sheetData>");
        sb.Append($"""<autoFilter ref="A{HeaderRow}:{LastColumn}{HeaderRow + Math.Max(_rows.Count, 1)}"/>""");
        sb.Append($"""<mergeCells count="2"><mergeCell ref="A1:{LastColumn}1"/><mergeCell ref="A2:{LastColumn}2"/></mergeCells>""");
        sb.Append("""<printOptions horizontalCentered="1"/>""");
        sb.Append("""<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>""");
        sb.Append($"""<pageSetup paperSize="9" orientation="{(landscape ? "landscape" : "portrait")}" fitToWidth="1" fitToHeight="0"/>""");
        sb.Append("""<headerFooter><oddFooter>&amp;C第 &amp;P 页,共 &amp;N 页</oddFooter></headerFooter>""");
        sb.Append("</worksheet>");
        return sb.ToString();
    }

    private static string InlineCell(string cell, string text, int style) =>
        $"""<c r="{cell}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{Xml(text)}</t></is></c>""";

    private static string NumberCell(string cell, double value, int style) =>
        string.Create(CultureInfo.InvariantCulture, $"""<c r="{cell}" s="{style}"><v>{value}</v></c>""");

    private static string EmptyCell(string cell, int style) => $"""<c r="{cell}" s="{style}"/>""";

    /// <summary>A text cell printed in bold (a section heading in the first column of a report).</summary>
    internal sealed record Heading(string Text);

    private static string FigureCell(string cell, object? value, bool signed) => value switch
    {
        int n => NumberCell(cell, n, signed ? SignedIntegerStyle : IntegerStyle),
        decimal m => NumberCell(cell, (double)m, signed ? SignedMoneyStyle : MoneyStyle),
        double rate => NumberCell(cell, rate, PercentStyle),
        null or "" => EmptyCell(cell, CentredTextStyle),
        _ => InlineCell(cell, value.ToString()!, CentredTextStyle),
    };

    /// <summary>How many lines a text takes in a column of that width (a CJK character is about two digits wide).</summary>
    internal static int LinesFor(string text, double width)
    {
        var perLine = Math.Max(1, width - 1);
        return text.Split('\n').Sum(part => Math.Max(1, (int)Math.Ceiling(part.Sum(c => c > '\u2E7F' ? 1.9 : 1.0) / perLine)));
    }

    internal static string ColumnName(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26) name = (char)('A' + (index - 1) % 26) + name;
        return name;
    }

    /// <summary>XML text; control characters a clerk may paste (not allowed in XML 1.0) are dropped.</summary>
    private static string Xml(string text) =>
        SecurityElement.Escape(new string(text.Where(c => c is '\t' or '\n' or '\r' || c >= ' ').ToArray()))!;

    private static string ContentTypes(int sheets) =>
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"""
        + """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"""
        + """<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"""
        + """<Default Extension="xml" ContentType="application/xml"/>"""
        + """<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"""
        + string.Concat(Enumerable.Range(1, sheets).Select(i => $"""<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"""))
        + """<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"""
        + "</Types>";

    private const string RootRels =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"""
        + """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"""
        + """<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"""
        + "</Relationships>";

    private static string WorkbookRels(int sheets) =>
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"""
        + """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"""
        + string.Concat(Enumerable.Range(1, sheets).Select(i => $"""<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>"""))
        + $"""<Relationship Id="rId{sheets + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"""
        + "</Relationships>";

    // Fonts: 0 body 10pt, 1 title 16pt bold, 2 subtitle 10pt grey, 3 header 10pt bold. Fills: 2 = header grey.
    // Borders: 1 = thin all round. numFmts: 164 date, 165 money, 166 percent, 167 signed count, 168 signed money, 169 decimal (hours, scores).
    private const string Styles =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"""
        + """<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"""
        + """<numFmts count="6"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/><numFmt numFmtId="165" formatCode="#,##0.00"/><numFmt numFmtId="166" formatCode="0.0%"/><numFmt numFmtId="167" formatCode="+0;\-0;0"/><numFmt numFmtId="168" formatCode="+#,##0.00;\-#,##0.00;0.00"/><numFmt numFmtId="169" formatCode="0.0#"/></numFmts>"""
        + """<fonts count="4">"""
        + """<font><sz val="10"/><name val="宋体"/><family val="3"/><charset val="134"/></font>"""
        + """<font><b/><sz val="16"/><name val="宋体"/><family val="3"/><charset val="134"/></font>"""
        + """<font><sz val="10"/><color rgb="FF595959"/><name val="宋体"/><family val="3"/><charset val="134"/></font>"""
        + """<font><b/><sz val="10"/><name val="宋体"/><family val="3"/><charset val="134"/></font>"""
        + "</fonts>"
        + """<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"""
        + """<fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill></fills>"""
        + """<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>"""
        + """<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>"""
        + """<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"""
        + """<cellXfs count="14">"""
        + """<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"""
        + """<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>"""
        + """<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="left" vertical="center"/></xf>"""
        + """<xf numFmtId="0" fontId="3" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>"""
        + """<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>"""
        + """<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="top"/></xf>"""
        + """<xf numFmtId="1" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="top"/></xf>"""
        + """<xf numFmtId="165" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment horizontal="right" vertical="top"/></xf>"""
        + """<xf numFmtId="166" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="top"/></xf>"""
        + """<xf numFmtId="167" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="top"/></xf>"""
        + """<xf numFmtId="168" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment horizontal="right" vertical="top"/></xf>"""
        + """<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="top" wrapText="1"/></xf>"""
        + """<xf numFmtId="0" fontId="3" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>"""
        + """<xf numFmtId="169" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="top"/></xf>"""
        + "</cellXfs>"
        + """<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"""
        + "</styleSheet>";
}
