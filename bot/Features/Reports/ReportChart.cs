namespace ChatBot.Bot.Features.Reports;

/// <summary>The places in the report where a chart belongs (see <see cref="ReportDocument"/>'s <c>AddChart</c>).</summary>
internal enum ReportChart
{
    /// <summary>学法: attendance per session.</summary>
    StudyAttendance,
    /// <summary>人民调解: cases by month and by dispute type.</summary>
    MediationByMonthAndType,
    /// <summary>督查督办: tasks by traffic light and by department.</summary>
    TasksByStatusAndDepartment,
}
