using ChatBot.Storage.PlanTasks;

namespace ChatBot.Bot.Features.PlanTasks.Import;

/// <summary>
/// Rows of a spreadsheet or CSV with a header row, turned into task drafts. Columns are matched by name (Chinese or
/// English, see README "Plan tasks"); 任务 and 完成时限 are required.
/// </summary>
internal static class PlanTable
{
    private static readonly Dictionary<string, string[]> Columns = new()
    {
        ["plan"] = ["计划", "计划名称", "plan"],
        ["year"] = ["年度", "年份", "year"],
        ["section"] = ["板块", "section", "部分", "类别", "章节"],
        ["title"] = ["任务", "工作任务", "重点任务", "任务内容", "task", "title"],
        ["owners"] = ["责任人", "owner", "owners"],
        ["department"] = ["责任部门", "责任单位", "牵头单位", "牵头部门", "department", "lead unit", "dept"],
        ["support"] = ["配合单位", "配合部门", "协办单位", "supporting units", "support"],
        ["key"] = ["重点", "是否重点", "key"],
        ["due"] = ["完成时限", "时限", "完成时间", "截止日期", "due", "deadline", "due date"],
    };

    public static PlanImportResult ToDrafts(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, int defaultYear, string defaultPlan)
    {
        var result = new PlanImportResult();
        var index = new Dictionary<string, int>();
        for (var i = 0; i < header.Count; i++)
        {
            var name = PlanTask.Normalize(header[i] ?? "");
            foreach (var (field, names) in Columns)
                if (!index.ContainsKey(field) && names.Any(n => PlanTask.Normalize(n) == name)) index[field] = i;
        }
        if (!index.ContainsKey("title") || !index.ContainsKey("due"))
        {
            result.Problems.Add(new("缺少“任务”或“完成时限”列。", "The 任务 (task) and 完成时限 (due) columns are required."));
            return result;
        }
        var rowNumber = 1;
        foreach (var row in rows)
        {
            rowNumber++;
            string Cell(string field) => index.TryGetValue(field, out var i) && i < row.Count ? (row[i] ?? "").Trim() : "";
            var title = Cell("title");
            if (title.Length == 0) { if (row.Any(c => !string.IsNullOrWhiteSpace(c))) result.Problems.Add(new($"第{rowNumber}行:没有任务内容。", $"Row {rowNumber}: no task.")); continue; }
            var plan = Cell("plan");
            var year = int.TryParse(Cell("year"), out var y) && y is > 2000 and < 2100 ? y : PlanYear.From(plan) ?? defaultYear;
            var due = DeadlineParser.Parse(Cell("due"), year);
            if (due is null)
            {
                result.Problems.Add(new($"第{rowNumber}行:完成时限“{Cell("due")}”无法识别。", $"Row {rowNumber}: due date \"{Cell("due")}\" not understood."));
                continue;
            }
            result.Tasks.Add(new PlanTaskDraft
            {
                PlanYear = year, PlanTitle = plan.Length > 0 ? plan : defaultPlan, Section = Cell("section"), Title = title,
                Owners = OwnerList.Split(Cell("owners")), Department = Cell("department"), DueDate = due.Value,
                SupportUnits = OwnerList.Split(Cell("support")), IsKey = Cell("key") is "是" or "重点" or "√" or "✓" or "Y" or "y" or "yes" or "Yes",
            });
        }
        return result;
    }
}
