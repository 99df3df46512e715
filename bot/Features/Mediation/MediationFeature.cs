using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Features.Mediation;
using ChatBot.Storage.Mediation;

namespace Microsoft.Extensions.DependencyInjection;

internal static class MediationFeature
{
    /// <summary>Registers the Mediation commands, dialogs and services.</summary>
    public static IServiceCollection AddMediationFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<MediationStore>();
        services.AddSingleton<ChatBot.Storage.Migrations.ISchemaMigration, CaseFactsMigration>();
        services.AddSingleton<ChatBot.Storage.Migrations.ISchemaMigration, FollowUpDueMigration>();
        services.AddSingleton<MediationDownloads>();
        services.AddSingleton<MediationReplies>();
        services.AddSingleton<ScreeningStore>();
        services.AddSingleton<ScreeningReplies>();

        services.AddSingleton<Dialog, LogMediationDialog>();
        services.AddSingleton<Dialog, AddFollowUpDialog>();
        services.AddSingleton<Dialog, RecordOutcomeDialog>();
        services.AddSingleton<Dialog>(LogMediationDialog.PartiesPrompt());
        services.AddSingleton<Dialog, RecordScreeningDialog>();
        services.AddSingleton<Dialog>(RecordScreeningDialog.DisputesPrompt());

        services.AddSingleton<IBotCommand>(LogMediationDialog.Command());
        services.AddSingleton<IBotCommand, MediationFormSubmitCommand>();
        services.AddSingleton<IBotCommand, OutcomeFormSubmitCommand>();
        services.AddSingleton<IBotCommand, FollowUpFormSubmitCommand>();
        services.AddSingleton<IBotCommand, ExtendMediationCommand>();
        services.AddSingleton<IBotCommand, CourtConfirmedCommand>();
        services.Configure<MediationOptions>(configuration.GetSection(MediationOptions.Section));
        services.AddSingleton<ChatBot.Bot.Reminders.IReminderSource, MediationReminderSource>();
        services.AddSingleton<ListMediationsCommand>();
        services.AddSingleton<IBotCommand>(sp => sp.GetRequiredService<ListMediationsCommand>());
        services.AddSingleton<IBotCommand, ShowMediationCommand>();
        services.AddSingleton<IBotCommand, FollowUpCommand>();
        services.AddSingleton<IBotCommand, RecordOutcomeCommand>();
        services.AddSingleton<IBotCommand, MediationStatsCommand>();
        services.AddSingleton<IBotCommand, ExportMediationsCommand>();
        services.AddSingleton<IBotCommand>(RecordScreeningDialog.Command());
        services.AddSingleton<IBotCommand, ScreeningFormSubmitCommand>();
        services.AddSingleton<IBotCommand, ZeroReportCommand>();
        services.AddSingleton<IBotCommand, ScreeningToCaseCommand>();
        services.AddSingleton<IBotCommand, ScreeningVillagesCommand>();
        services.AddSingleton<IBotCommand, ScreeningStatsCommand>();
        services.AddSingleton<ChatBot.Bot.Reminders.IReminderSource, ScreeningReminderSource>();
        services.AddSingleton<IBotCommand, MediationMonthlyCommand>();
        services.AddSingleton<IBotCommand, AgreementCommand>();
        return services;
    }

    /// <summary>GET /files/{token}: the generated ledgers.</summary>
    public static IEndpointRouteBuilder MapMediationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/files/{token}", (string token, MediationDownloads downloads) =>
            downloads.Find(token) is { } file
                ? Results.File(file.Content, file.ContentType, file.FileName)
                : Results.Json(new { error = "This download link is unknown or has expired; ask the bot for the ledger again.", status = 404 }, statusCode: 404));
        return app;
    }
}
