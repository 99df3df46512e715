using System.Globalization;
using System.Text.RegularExpressions;
using ChatBot.Cards;
using ChatBot.Cards.Mediation;
using ChatBot.Cards.PlanTasks;
using ChatBot.Cards.Study;
using ChatBot.Storage.Mediation;
using ChatBot.Storage.PlanTasks;
using ChatBot.Storage.Study;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ChatBot.Bot.Features.Reports;

/// <summary>
/// The report as a .docx in the structure of 《法治政府建设与责任落实督察工作规定》 art. 24: 一、主要举措和成效 (学法,
/// 人民调解, 督查督办), 二、存在的问题和不足, 三、党政主要负责人履行推进法治建设第一责任人职责情况, 四、下一年度工作计划,
/// 五、其他需要报告的情况, then an appendix of the records behind every figure. What the records cannot say is a
/// visible, highlighted 【待补充:…】 for the clerk, never an invented sentence.
/// </summary>
internal static partial class ReportDocument
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    /// <summary>Starts every placeholder (with a full-width colon, as the whole Chinese text has full-width punctuation).</summary>
    public const string PlaceholderStart = "【待补充\uFF1A";

    /// <param name="charts">The charts of each place (<see cref="ReportCharts"/>); none when null.</param>
    public static byte[] Build(Lang lang, ReportFigures f, Func<ReportChart, IReadOnlyList<ReportImage>>? charts = null)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = ReportStyles.Build();
            main.AddNewPart<FontTablePart>().Fonts = ReportStyles.FontTable();
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = PageNumberFooter();
            var body = new Body();
            new Writer(lang, f, body, main, charts).Write();
            body.Append(Section(main.GetIdOfPart(footer)));
            main.Document = new Document(body);
            doc.PackageProperties.Title = f.Period.Title(lang);
            doc.PackageProperties.Creator = f.WorkspaceName;
        }
        return stream.ToArray();
    }

    private static SectionProperties Section(string footerId) => new(
        new FooterReference { Type = HeaderFooterValues.Default, Id = footerId },
        new PageSize { Width = ReportStyles.PageWidth, Height = ReportStyles.PageHeight },
        new PageMargin
        {
            Top = ReportStyles.MarginTop, Bottom = ReportStyles.MarginBottom, Left = ReportStyles.MarginLeft, Right = ReportStyles.MarginRight,
            Header = 851U, Footer = 1304U, Gutter = 0U,
        },
        new PageNumberType { Start = 1 },
        new DocGrid { Type = DocGridValues.Lines, LinePitch = ReportStyles.BodyLine });

    /// <summary>"— 1 —": 宋体 四号, centred, the page number between em dashes.</summary>
    private static Footer PageNumberFooter()
    {
        RunProperties Props() => new(ReportStyles.Fonts(ReportStyles.PageNumberFont), new FontSize { Val = ReportStyles.Size4.ToString() });
        return new Footer(new Paragraph(
            new ParagraphProperties(new Indentation { FirstLine = "0" }, new Justification { Val = JustificationValues.Center }),
            new Run(Props(), new Text("— ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(Props(), new FieldChar { FieldCharType = FieldCharValues.Begin }),
            new Run(Props(), new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(Props(), new FieldChar { FieldCharType = FieldCharValues.Separate }),
            new Run(Props(), new Text("1")),
            new Run(Props(), new FieldChar { FieldCharType = FieldCharValues.End }),
            new Run(Props(), new Text(" —") { Space = SpaceProcessingModeValues.Preserve })));
    }

    /// <summary>Splits text into runs, the 【待补充:…】 parts highlighted so nobody sends them on by mistake.</summary>
    internal static IEnumerable<Run> Runs(string text)
    {
        var at = 0;
        foreach (Match m in Placeholder().Matches(text))
        {
            if (m.Index > at) yield return new Run(new Text(text[at..m.Index]) { Space = SpaceProcessingModeValues.Preserve });
            yield return new Run(new RunProperties(new Highlight { Val = HighlightColorValues.Yellow }), new Text(m.Value));
            at = m.Index + m.Length;
        }
        if (at < text.Length) yield return new Run(new Text(text[at..]) { Space = SpaceProcessingModeValues.Preserve });
    }

    /// <summary>Chinese text with full-width punctuation, as official documents have it (the code writes ASCII ,;:()).</summary>
    internal static string FullWidth(string text) => text.Replace(',', '\uFF0C').Replace(';', '\uFF1B').Replace(':', '\uFF1A')
        .Replace('(', '\uFF08').Replace(')', '\uFF09').Replace('?', '\uFF1F').Replace('!', '\uFF01');

    [GeneratedRegex("【待补充[:\uFF1A][^】]*】")]
    private static partial Regex Placeholder();

    /// <summary>Writes the sections into the body, in both languages.</summary>
    private sealed class Writer(Lang lang, ReportFigures f, Body body, MainDocumentPart main, Func<ReportChart, IReadOnlyList<ReportImage>>? charts)
    {
        private uint _drawingId;
        private readonly string _period = f.Period.Name(lang);
        private string Pct(double? rate) => rate is { } r ? StudyText.Percent(r) : "—";

        public void Write()
        {
            Paragraph(ReportStyles.Title, f.Period.Title(lang));
            Paragraph(ReportStyles.Title, "");
            Paragraph(ReportStyles.Body, lang.T(
                $"{_period},我单位认真贯彻落实党中央、国务院关于法治政府建设的决策部署," +
                "现将法治政府建设工作情况报告如下。" + $"{PlaceholderStart}总体情况概述】",
                $"This report covers {_period}" + (f.WorkspaceName.Length > 0 ? $" for {f.WorkspaceName}" : "") + ". " + $"{PlaceholderStart}overview】"));

            Paragraph(ReportStyles.Heading1, lang.T("一、主要举措和成效", "1. Main measures and results"));
            Study();
            Mediation();
            Supervision();

            Paragraph(ReportStyles.Heading1, lang.T("二、存在的问题和不足", "2. Problems and shortcomings"));
            Problems();

            Paragraph(ReportStyles.Heading1, lang.T("三、党政主要负责人履行推进法治建设第一责任人职责情况",
                "3. How the principal Party and government leaders fulfilled their duty as first responsible persons"));
            Paragraph(ReportStyles.Body, lang.T($"{PlaceholderStart}党委、政府主要负责人带头尊法学法守法用法情况,如主持学法、讲法治课】",
                $"{PlaceholderStart}how the principal leaders studied and applied the law, e.g. chaired study sessions】"));
            Paragraph(ReportStyles.Body, lang.T($"{PlaceholderStart}研究部署法治建设、听取法治建设工作汇报、解决重大问题的情况(会议时间、议题)】",
                $"{PlaceholderStart}meetings on the rule of law: dates, topics, problems solved】"));
            Paragraph(ReportStyles.Body, lang.T($"{PlaceholderStart}将法治建设纳入发展规划和年度工作计划、述职述法的情况】",
                $"{PlaceholderStart}the rule of law in plans and in the leaders' annual reports on their work】"));

            Paragraph(ReportStyles.Heading1, f.Period.IsYear ? lang.T("四、下一年度工作计划", "4. Plan for next year") : lang.T("四、下一步工作打算", "4. Plans for the next period"));
            NextPlan();

            Paragraph(ReportStyles.Heading1, lang.T("五、其他需要报告的情况", "5. Other matters to report"));
            Paragraph(ReportStyles.Body, lang.T($"{PlaceholderStart}其他需要报告的情况;没有的写“无”】", $"{PlaceholderStart}other matters; write \"none\" if there are none】"));

            Paragraph(ReportStyles.Body, "");
            // The workspace is a chat group, not the government that signs: the clerk writes the issuing body.
            Signature(lang.T($"{PlaceholderStart}落款单位,如××镇人民政府】", $"{PlaceholderStart}issuing body】"));
            Signature(lang.T($"{f.Today.Year}年{f.Today.Month}月{f.Today.Day}日", f.Today.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)));

            Appendix();
        }

        // —— 一、主要举措和成效 ——

        private void Study()
        {
            Paragraph(ReportStyles.Heading2, lang.T("(一)学法用法", "(1) Law study"));
            var s = f.Study;
            if (s.Held == 0)
            {
                Paragraph(ReportStyles.Body, lang.T($"{_period}系统中没有已举办的学法活动记录。{PlaceholderStart}学法情况】",
                    $"No study session held in {_period} is recorded. {PlaceholderStart}law study】"));
                AddChart(ReportChart.StudyAttendance);
                return;
            }
            var formats = string.Join(lang.T("、", ", "), s.ByFormat.Select(x => lang.T($"{StudyText.FormatName(lang, x.Format)}{x.Count}次", $"{StudyText.FormatName(lang, x.Format)} {x.Count}")));
            var laws = string.Join(lang.T("、", ", "), s.ByLaw.Select(x => lang.T($"{Book(x.Law)}{x.Count}次", $"{x.Law} {x.Count}")));
            var rate = s.OverallRate is { } r ? lang.T($",平均出勤率{StudyText.Percent(r)}", $", average attendance {StudyText.Percent(r)}") : "";
            Paragraph(ReportStyles.Body, lang.T(
                $"{_period}共组织学法活动{s.Held}次,其中{formats};学习内容涉及{laws}。参学{s.Attendances}人次,涉及{f.Participants}人{rate}。",
                $"In {_period}, {s.Held} study sessions were held ({formats}); laws studied: {laws}. {s.Attendances} attendances by {f.Participants} people{rate}."));
            var l = f.Ledger;
            if (l.Exams.Count > 0)
                Paragraph(ReportStyles.Body, lang.T(
                    $"组织学法考试{l.Exams.Count}场,参考{l.Sat}人次,合格{l.Passed}人次,合格率{Pct(l.PassRate)},平均成绩{Score(f.ExamAverage)}分。",
                    $"{l.Exams.Count} law exams: {l.Sat} sittings, {l.Passed} passed, pass rate {Pct(l.PassRate)}, average score {Score(f.ExamAverage)}."));
            if (f.PeopleWithHours > 0)
                Paragraph(ReportStyles.Body, lang.T(
                    $"累计学时{Hours(f.TotalHours)}学时,{f.PeopleWithHours}人有学时记录;年度学时目标{Hours(f.HoursTarget)}学时,未达标{f.BelowHoursTarget}人。",
                    $"{Hours(f.TotalHours)} study hours in all, recorded for {f.PeopleWithHours} people; yearly target {Hours(f.HoursTarget)} h, {f.BelowHoursTarget} below it."));
            AddChart(ReportChart.StudyAttendance);
        }

        private void Mediation()
        {
            Paragraph(ReportStyles.Heading2, lang.T("(二)人民调解", "(2) People's mediation"));
            var t = f.Mediation.Total;
            if (t.Received == 0)
            {
                Paragraph(ReportStyles.Body, lang.T($"{_period}系统中没有受理的矛盾纠纷记录。{PlaceholderStart}人民调解情况】",
                    $"No dispute received in {_period} is recorded. {PlaceholderStart}mediation】"));
                AddChart(ReportChart.MediationByMonthAndType);
                return;
            }
            Paragraph(ReportStyles.Body, lang.T(
                $"{_period}共受理矛盾纠纷{t.Received}起,调解{t.Mediated}起,调解成功{t.Successful}起,成功率{MediationLabels.Rate(t.SuccessRate)};其中达成口头协议{t.Oral}起、书面协议{t.Written}起。",
                $"In {_period}, {t.Received} disputes were received, {t.Mediated} mediated and {t.Successful} settled, a success rate of {MediationLabels.Rate(t.SuccessRate)}; {t.Oral} oral and {t.Written} written agreements."));
            var types = string.Join(lang.T("、", "; "), f.Mediation.ByType.Select(x => lang.T($"{lang.Of(x.Type)}纠纷{x.Figures.Received}起", $"{lang.Of(x.Type)} {x.Figures.Received}")));
            Paragraph(ReportStyles.Body, lang.T($"按纠纷类型分:{types}。重大疑难纠纷{t.Major}起,群体性纠纷{t.Collective}起。",
                $"By type: {types}. Major or difficult disputes: {t.Major}; collective disputes: {t.Collective}."));
            Paragraph(ReportStyles.Body, lang.T(
                $"开展回访{t.FollowUpVisits}次,涉及{t.FollowedUp}起案件;调解协议经人民法院司法确认{t.CourtConfirmed}起。截至{Day(f.Today)},仍在调解中{t.Open}起,移交其他部门处理{t.Referred}起。",
                $"{t.FollowUpVisits} follow-up visits on {t.FollowedUp} cases; {t.CourtConfirmed} agreements confirmed by a court. On {Day(f.Today)}, {t.Open} cases were still being mediated and {t.Referred} had been referred."));
            AddChart(ReportChart.MediationByMonthAndType);
        }

        private void Supervision()
        {
            Paragraph(ReportStyles.Heading2, lang.T("(三)督查督办", "(3) Supervision of plan tasks"));
            var t = f.Supervision.Total;
            if (t.Tasks == 0)
            {
                Paragraph(ReportStyles.Body, lang.T($"{_period}系统中没有督办任务记录。{PlaceholderStart}督查督办情况】",
                    $"No plan task for {_period} is recorded. {PlaceholderStart}supervision】"));
                AddChart(ReportChart.TasksByStatusAndDepartment);
                return;
            }
            Paragraph(ReportStyles.Body, lang.T(
                $"{_period}纳入督办的重点工作任务共{t.Tasks}项,已办结{f.TasksDone}项,其中按时办结{t.DoneOnTime}项、逾期办结{t.DoneLate}项;截至{Day(f.Today)}逾期未办结{t.OverdueNow}项。批准延期{t.Extensions}次,催办{t.Chases}次,按时办结率{SupervisionStatsCard.Rate(t.OnTimeRate)}。",
                $"{t.Tasks} key tasks were supervised in {_period}: {f.TasksDone} done, {t.DoneOnTime} of them on time and {t.DoneLate} late; on {Day(f.Today)} {t.OverdueNow} were overdue. {t.Extensions} extensions approved, {t.Chases} chases; on-time rate {SupervisionStatsCard.Rate(t.OnTimeRate)}."));
            if (f.BySection.Count > 1 || f.BySection is [{ Section: not SupervisionReport.Unassigned }])
            {
                var sections = string.Join(lang.T(";", "; "), f.BySection.Select(x => lang.T(
                    $"{x.Section}{x.Figures.Tasks}项,已办结{x.Figures.DoneOnTime + x.Figures.DoneLate}项(按时{x.Figures.DoneOnTime}项),逾期未办结{x.Figures.OverdueNow}项,延期{x.Figures.Extensions}次",
                    $"{x.Section}: {x.Figures.Tasks} tasks, {x.Figures.DoneOnTime + x.Figures.DoneLate} done ({x.Figures.DoneOnTime} on time), {x.Figures.OverdueNow} overdue, {x.Figures.Extensions} extensions")));
                Paragraph(ReportStyles.Body, lang.T($"分板块看:{sections}。", $"By section: {sections}."));
            }
            AddChart(ReportChart.TasksByStatusAndDepartment);
        }

        /// <summary>The section's charts after its figures, each centred in a paragraph of its own.</summary>
        private void AddChart(ReportChart chart)
        {
            if (charts is null) return;
            foreach (var image in charts(chart)) body.Append(ImageParagraph(image));
        }

        /// <summary>
        /// An inline picture as wide as the text column allows (15 cm of the 15.6), the height by the image's ratio. The
        /// paragraph leaves the body's fixed 28.95 pt line and the line grid: a fixed line would cut the picture to one line.
        /// </summary>
        private Paragraph ImageParagraph(ReportImage image)
        {
            var part = main.AddImagePart(ImagePartType.Png);
            using (var png = new MemoryStream(image.Png)) part.FeedData(png);
            var id = ++_drawingId;
            const long cx = 15L * 360000; // EMU per cm
            var cy = cx * image.HeightPx / image.WidthPx;
            var picture = new DocumentFormat.OpenXml.Drawing.Pictures.Picture(
                new DocumentFormat.OpenXml.Drawing.Pictures.NonVisualPictureProperties(
                    new DocumentFormat.OpenXml.Drawing.Pictures.NonVisualDrawingProperties { Id = 0U, Name = $"chart{id}.png", Description = image.AltText },
                    new DocumentFormat.OpenXml.Drawing.Pictures.NonVisualPictureDrawingProperties()),
                new DocumentFormat.OpenXml.Drawing.Pictures.BlipFill(
                    new DocumentFormat.OpenXml.Drawing.Blip { Embed = main.GetIdOfPart(part) },
                    new DocumentFormat.OpenXml.Drawing.Stretch(new DocumentFormat.OpenXml.Drawing.FillRectangle())),
                new DocumentFormat.OpenXml.Drawing.Pictures.ShapeProperties(
                    new DocumentFormat.OpenXml.Drawing.Transform2D(
                        new DocumentFormat.OpenXml.Drawing.Offset { X = 0L, Y = 0L },
                        new DocumentFormat.OpenXml.Drawing.Extents { Cx = cx, Cy = cy }),
                    new DocumentFormat.OpenXml.Drawing.PresetGeometry(new DocumentFormat.OpenXml.Drawing.AdjustValueList())
                    { Preset = DocumentFormat.OpenXml.Drawing.ShapeTypeValues.Rectangle }));
            var inline = new DocumentFormat.OpenXml.Drawing.Wordprocessing.Inline(
                new DocumentFormat.OpenXml.Drawing.Wordprocessing.Extent { Cx = cx, Cy = cy },
                new DocumentFormat.OpenXml.Drawing.Wordprocessing.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
                new DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties { Id = id, Name = $"Chart {id}", Description = image.AltText },
                new DocumentFormat.OpenXml.Drawing.Wordprocessing.NonVisualGraphicFrameDrawingProperties(
                    new DocumentFormat.OpenXml.Drawing.GraphicFrameLocks { NoChangeAspect = true }),
                new DocumentFormat.OpenXml.Drawing.Graphic(new DocumentFormat.OpenXml.Drawing.GraphicData(picture)
                { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
            { DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U };
            return new Paragraph(
                new ParagraphProperties(
                    new SnapToGrid { Val = false },
                    new SpacingBetweenLines { Before = "120", After = "120", Line = "240", LineRule = LineSpacingRuleValues.Auto },
                    new Indentation { FirstLine = "0" },
                    new Justification { Val = JustificationValues.Center }),
                new Run(new Drawing(inline)));
        }

        // —— 二、存在的问题和不足 ——

        private void Problems()
        {
            var any = false;
            var overdue = f.OverdueTasks;
            if (overdue.Count > 0)
            {
                any = true;
                var names = string.Join(lang.T("、", "; "), overdue.Take(5).Select(x => lang.T($"“{x.Title}”", $"\"{x.Title}\"")));
                Paragraph(ReportStyles.Body, lang.T(
                    $"部分重点工作推进滞后。截至{Day(f.Today)},有{overdue.Count}项督办任务超过办理期限仍未办结,如{names}{(overdue.Count > 5 ? "等" : "")}(详见附件表4)。",
                    $"Some key tasks are behind: on {Day(f.Today)}, {overdue.Count} tasks were past their deadline, e.g. {names} (appendix, table 4)."));
            }
            var low = f.LowAttendanceSessions;
            if (low.Count > 0)
            {
                any = true;
                var names = string.Join(lang.T("、", "; "), low.Take(5).Select(s => lang.T($"{Day(s.Occurrence.Date)}“{s.Occurrence.Session.Title}”(出勤率{Pct(s.AttendanceRate)})",
                    $"{Day(s.Occurrence.Date)} \"{s.Occurrence.Session.Title}\" ({Pct(s.AttendanceRate)})")));
                Paragraph(ReportStyles.Body, lang.T(
                    $"学法参学率有待提高。有{low.Count}次学法活动出勤率低于{StudyText.Percent(ReportFigures.LowAttendance)},如{names}{(low.Count > 5 ? "等" : "")}(详见附件表2)。",
                    $"Attendance should improve: {low.Count} sessions had under {StudyText.Percent(ReportFigures.LowAttendance)} attendance, e.g. {names} (appendix, table 2)."));
            }
            var failed = f.Ledger.Sat - f.Ledger.Passed;
            if (failed > 0)
            {
                any = true;
                Paragraph(ReportStyles.Body, lang.T($"学法考试有{failed}人次不合格,合格率{Pct(f.Ledger.PassRate)}(详见附件表3)。",
                    $"{failed} exam sittings failed; pass rate {Pct(f.Ledger.PassRate)} (appendix, table 3)."));
            }
            var pastLimit = f.CasesPastTimeLimit;
            if (pastLimit.Count > 0)
            {
                any = true;
                var numbers = string.Join(lang.T("、", ", "), pastLimit.Take(10).Select(c => c.CaseNo));
                Paragraph(ReportStyles.Body, lang.T(
                    $"个别矛盾纠纷化解不够及时。有{pastLimit.Count}起纠纷超过调解期限仍未结案(案号{numbers}{(pastLimit.Count > 10 ? "等" : "")},详见附件表1)。",
                    $"Some disputes took too long: {pastLimit.Count} cases are open past their time limit ({numbers}; appendix, table 1)."));
            }
            if (!any)
                Paragraph(ReportStyles.Body, lang.T("从系统记录看,本期没有逾期未办结的督办任务、出勤率偏低的学法活动或超过期限未结案的矛盾纠纷。",
                    "The records show no overdue task, no session with low attendance and no dispute open past its time limit in this period."));
            Paragraph(ReportStyles.Body, lang.T($"{PlaceholderStart}结合实际补充其他问题和不足及原因分析】", $"{PlaceholderStart}other problems and their causes】"));
        }

        // —— 四、下一年度工作计划 ——

        private void NextPlan()
        {
            var next = f.NextPeriod.Name(lang);
            if (f.NextTasks.Count == 0 && f.NextStudy.Count == 0)
            {
                Paragraph(ReportStyles.Body, lang.T($"{PlaceholderStart}{next}工作计划(系统中尚未导入{next}的工作计划和学法计划)】",
                    $"{PlaceholderStart}the plan for {next} (no plan or study schedule for {next} has been imported)】"));
                return;
            }
            if (f.NextTasks.Count > 0)
            {
                Paragraph(ReportStyles.Body, lang.T($"根据已导入的{f.NextTasks[0].PlanTitle}(共{f.NextTasks.Count}项),{next}重点推进以下工作:",
                    $"From the imported plan \"{f.NextTasks[0].PlanTitle}\" ({f.NextTasks.Count} tasks), {next} will focus on:"));
                var n = 0;
                foreach (var section in f.NextTasks.GroupBy(t => t.Section.Trim()))
                {
                    if (section.Key.Length > 0) Paragraph(ReportStyles.Heading2, $"{Chinese(++n)}{section.Key}");
                    var i = 0;
                    foreach (var t in section)
                    {
                        var number = ++i;
                        Paragraph(ReportStyles.Body, lang.T($"{number}.{t.Title}(牵头单位:{Or(t.Department)},完成时限:{Day(t.DueDate)})。",
                            $"{number}. {t.Title} (lead: {Or(t.Department)}, due {Day(t.DueDate)})."));
                    }
                }
            }
            else Paragraph(ReportStyles.Body, lang.T($"{PlaceholderStart}{next}重点工作(尚未导入{next}的工作计划)】", $"{PlaceholderStart}key tasks for {next} (no plan imported yet)】"));
            if (f.NextStudy.Count > 0)
            {
                var list = string.Join(lang.T(";", "; "), f.NextStudy.Take(12).Select(o => $"{Day(o.Date)} {o.Session.Title}({StudyText.FormatName(lang, o.Session.Format)})"));
                Paragraph(ReportStyles.Body, lang.T($"学法计划:已安排学法活动{f.NextStudy.Count}次:{list}{(f.NextStudy.Count > 12 ? "等" : "")}。",
                    $"Study plan: {f.NextStudy.Count} sessions scheduled: {list}."));
            }
            else Paragraph(ReportStyles.Body, lang.T($"{PlaceholderStart}{next}学法计划(尚未安排)】", $"{PlaceholderStart}study plan for {next} (none scheduled yet)】"));
        }

        // —— 附件 ——

        private void Appendix()
        {
            body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
            Paragraph(ReportStyles.Heading1, lang.T("附件", "Appendix"), indent: false);
            Paragraph(ReportStyles.Caption, lang.T($"{_period}数据明细", $"Records behind the figures, {_period}"));

            Paragraph(ReportStyles.Caption, lang.T($"表1 人民调解案件({f.Cases.Count}起)", $"Table 1. Mediation cases ({f.Cases.Count})"));
            Table([lang.T("案号", "Case"), lang.T("受理日期", "Received"), lang.T("纠纷类型", "Type"), lang.T("村(社区)", "Village"), lang.T("状态", "Status"),
                    lang.T("协议", "Agreement"), lang.T("重大/群体", "Major/coll."), lang.T("回访", "Visits"), lang.T("司法确认", "Court")],
                [13, 15, 13, 12, 13, 7, 9, 6, 15],
                f.Cases.Select(c => new[]
                {
                    c.CaseNo, Iso(c.ReceivedOn), lang.Of(c.DisputeType), c.Village, lang.Of(c.Status) + (c.IsOverdue(f.Today) ? lang.T("(超期)", " (overdue)") : ""),
                    c.Status == MediationStatus.Succeeded ? lang.Of(c.AgreementForm) : "", Flags(c), c.FollowUps.Count.ToString(), c.CourtConfirmedOn is { } d ? Iso(d) : "",
                }));

            Paragraph(ReportStyles.Caption, lang.T($"表2 学法活动({f.Study.Sessions.Count}次)", $"Table 2. Study sessions ({f.Study.Sessions.Count})"));
            Table([lang.T("日期", "Date"), lang.T("主题", "Topic"), lang.T("形式", "Format"), lang.T("学习内容", "Law"), lang.T("签到/应到", "Signed/exp."), lang.T("出勤率", "Rate"), lang.T("学时", "Hours")],
                [14, 24, 12, 20, 12, 9, 9],
                f.Study.Sessions.Select(s => new[]
                {
                    Iso(s.Occurrence.Date), s.Occurrence.Session.Title, StudyText.FormatName(lang, s.Occurrence.Session.Format), s.Occurrence.Session.Law,
                    s.Expected is { } e ? $"{s.SignedIn}/{e}" : s.SignedIn.ToString(), Pct(s.AttendanceRate), Hours(StudyLedger.HoursOf(s.Occurrence)),
                }));

            Paragraph(ReportStyles.Caption, lang.T($"表3 学法考试({f.Ledger.Exams.Count}场)", $"Table 3. Law exams ({f.Ledger.Exams.Count})"));
            Table([lang.T("日期", "Date"), lang.T("考试", "Exam"), lang.T("参考", "Sat"), lang.T("缺考", "Absent"), lang.T("合格", "Passed"), lang.T("合格率", "Pass rate"), lang.T("平均分", "Average")],
                [14, 30, 10, 10, 10, 12, 14],
                f.Ledger.Exams.Select(e => new[]
                {
                    Iso(e.Exam.Date), e.Exam.Session.Title, e.Sat.ToString(), e.Absent.Count.ToString(), e.Passed.ToString(), Pct(e.PassRate),
                    Score(e.Results.Count == 0 ? null : Math.Round(e.Results.Average(r => r.Counted), 1, MidpointRounding.AwayFromZero)),
                }));

            Paragraph(ReportStyles.Caption, lang.T($"表4 督办任务({f.Tasks.Count}项)", $"Table 4. Plan tasks ({f.Tasks.Count})"));
            Table([lang.T("编号", "No."), lang.T("板块", "Section"), lang.T("任务", "Task"), lang.T("牵头单位", "Lead"), lang.T("完成时限", "Due"), lang.T("状态", "Status"), lang.T("延期", "Ext.")],
                [7, 20, 27, 13, 14, 12, 7],
                f.Tasks.Select(t => new[]
                {
                    "#" + t.Id, t.Section, t.Title, t.Department, Iso(t.DueDate), TaskState(t), t.HasSupervision ? t.Supervision.ApprovedExtensions.ToString() : "0",
                }));
        }

        /// <summary>How 督办统计 counts the task: done on time, done late, overdue, or not yet due.</summary>
        private string TaskState(PlanTask t)
        {
            var one = SupervisionReport.Compute([t], t.PlanYear, null, f.Today, d => DateOnly.FromDateTime(d.UtcDateTime)).Total;
            if (one.DoneOnTime > 0) return lang.T("按时办结", "On time");
            if (one.DoneLate > 0) return lang.T("逾期办结", "Done late");
            if (one.OverdueNow > 0) return lang.T("逾期未办结", "Overdue");
            return PlanTaskCards.StatusText(lang, t.Status);
        }

        private string Flags(MediationCase c) =>
            string.Join("/", new[] { c.Major ? lang.T("重大", "major") : null, c.Collective ? lang.T("群体", "coll.") : null }.Where(x => x is not null));

        private void Table(string[] header, int[] widths, IEnumerable<string[]> rows)
        {
            const int textWidth = ReportStyles.PageWidth - ReportStyles.MarginLeft - ReportStyles.MarginRight;
            var total = widths.Sum();
            var twips = widths.Select(w => w * textWidth / total).ToArray();
            var border = () => new BorderType[]
            {
                new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
                new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 },
            };
            var table = new Table(new TableProperties(
                    new TableWidth { Width = textWidth.ToString(), Type = TableWidthUnitValues.Dxa },
                    new TableBorders(border()),
                    new TableLayout { Type = TableLayoutValues.Fixed },
                    new TableCellMarginDefault(new TopMargin { Width = "20", Type = TableWidthUnitValues.Dxa }, new TableCellLeftMargin { Width = 60, Type = TableWidthValues.Dxa },
                        new BottomMargin { Width = "20", Type = TableWidthUnitValues.Dxa }, new TableCellRightMargin { Width = 60, Type = TableWidthValues.Dxa })),
                new TableGrid(twips.Select(w => new GridColumn { Width = w.ToString() })));
            table.Append(Row(header, twips, heading: true));
            var any = false;
            foreach (var row in rows) { table.Append(Row(row, twips, heading: false)); any = true; }
            if (!any) table.Append(Row([lang.T("无", "None"), .. Enumerable.Repeat("", header.Length - 1)], twips, heading: false));
            body.Append(table);
            Paragraph(ReportStyles.TableText, "");
        }

        private TableRow Row(string[] cells, int[] twips, bool heading)
        {
            var row = new TableRow();
            if (heading) row.Append(new TableRowProperties(new TableHeader(), new CantSplit()));
            for (var i = 0; i < cells.Length; i++)
            {
                var p = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = ReportStyles.TableText },
                    new Justification { Val = heading ? JustificationValues.Center : JustificationValues.Left }));
                var run = new Run(new Text(Typeset(cells[i])) { Space = SpaceProcessingModeValues.Preserve });
                if (heading) run.PrependChild(new RunProperties(new Bold()));
                p.Append(run);
                row.Append(new TableCell(new TableCellProperties(new TableCellWidth { Width = twips[i].ToString(), Type = TableWidthUnitValues.Dxa },
                    new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }), p));
            }
            return row;
        }

        private void Paragraph(string style, string text, bool indent = true)
        {
            var props = new ParagraphProperties(new ParagraphStyleId { Val = style });
            if (!indent) props.Append(new Indentation { FirstLine = "0", FirstLineChars = 0 });
            var p = new Paragraph(props);
            p.Append(Runs(Typeset(text)));
            body.Append(p);
        }

        /// <summary>落款 and date: right-aligned, four characters from the right margin.</summary>
        private void Signature(string text) =>
            body.Append(new Paragraph(new OpenXmlElement[] { new ParagraphProperties(new ParagraphStyleId { Val = ReportStyles.Body },
                new Indentation { FirstLine = "0", FirstLineChars = 0, Right = "1280" }, new Justification { Val = JustificationValues.Right }) }.Concat(Runs(Typeset(text)))));

        /// <summary>Dates in the appendix tables: short, so a column stays narrow.</summary>
        private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        private string Typeset(string text) => lang.IsZh ? FullWidth(text) : text;

        private string Day(DateOnly d) => lang.T($"{d.Year}年{d.Month}月{d.Day}日", d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        private string Book(string law) => law.StartsWith('《') ? law : $"《{law}》";
        private string Or(string s) => s.Trim().Length > 0 ? s.Trim() : lang.T("未指定", "unassigned");
        private static string Hours(double h) => h.ToString("0.##", CultureInfo.InvariantCulture);
        private static string Score(double? s) => s is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) : "—";
        private string Chinese(int n) => lang.T($"({(n <= 10 ? "一二三四五六七八九十"[n - 1].ToString() : n.ToString())})", $"({n}) ");
    }
}
