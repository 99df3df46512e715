using ChatBot.Bot.Features.Mediation;
using ChatBot.Cards;
using ChatBot.Cards.PlanTasks;
using ChatBot.Storage.PlanTasks;
using static ChatBot.Bot.Features.Mediation.PrintableSheet;

namespace ChatBot.Bot.Features.PlanTasks;

/// <summary>督办统计 as an .xlsx for the appraisal (考核): the departments, then the owners, each ranked; A4 landscape.</summary>
internal static class SupervisionWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Build(Lang lang, SupervisionReport r, string title, DateOnly today)
    {
        var sheet = new PrintableSheet(lang.T("督办统计", "Supervision"), title,
            lang.T($"统计日期:{lang.Date(today)}。{SupervisionStatsCard.Headline(lang, r.Total)}", $"As of {lang.Date(today)}. {SupervisionStatsCard.Headline(lang, r.Total)}"),
            [
                new Column(lang.T("类别", "Group"), 9),
                new Column(lang.T("名次", "Rank"), 6, Kind.Integer),
                new Column(lang.T("牵头单位/责任人", "Department / owner"), 22),
                new Column(lang.T("任务数", "Tasks"), 8, Kind.Integer),
                new Column(lang.T("按时办结", "Done on time"), 9, Kind.Integer),
                new Column(lang.T("逾期办结", "Done late"), 9, Kind.Integer),
                new Column(lang.T("当前逾期", "Overdue now"), 9, Kind.Integer),
                new Column(lang.T("延期次数", "Extensions"), 9, Kind.Integer),
                new Column(lang.T("催办次数", "Chases"), 9, Kind.Integer),
                new Column(lang.T("平均响应天数", "Avg. days to answer"), 11),
                new Column(lang.T("按时办结率", "On-time rate"), 11),
            ]);
        void Rows(string group, IReadOnlyList<SupervisionFigures> rows)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var f = rows[i];
                sheet.AddRow(group, i + 1, SupervisionStatsCard.NameOf(lang, f.Name), f.Tasks, f.DoneOnTime, f.DoneLate, f.OverdueNow, f.Extensions, f.Chases,
                    SupervisionStatsCard.Days(f.AverageResponseDays), SupervisionStatsCard.Rate(f.OnTimeRate));
            }
        }
        Rows(lang.T("牵头单位", "Department"), r.ByDepartment);
        Rows(lang.T("责任人", "Owner"), r.ByOwner);
        return sheet.ToXlsx();
    }
}
