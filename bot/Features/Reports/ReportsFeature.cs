using ChatBot.Bot.Conversation;
using ChatBot.Bot.Features.Reports;

namespace Microsoft.Extensions.DependencyInjection;

internal static class ReportsFeature
{
    /// <summary>Registers the reports: 年度报告 and 工作总结 (the .docx is offered through the mediation feature's /files/{token}).</summary>
    public static IServiceCollection AddReportsFeature(this IServiceCollection services)
    {
        services.AddSingleton<ReportFiguresReader>();
        services.AddSingleton<ReportCharts>();
        services.AddSingleton<ReportDelivery>();
        services.AddSingleton<IBotCommand, AnnualReportCommand>();
        services.AddSingleton<IBotCommand, WorkSummaryCommand>();
        return services;
    }
}
