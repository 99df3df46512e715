using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Storage.Mediation;

namespace ChatBot.Bot.Features.Mediation;

internal static class MediationFeature
{
    /// <summary>Registers the Mediation commands, dialogs and services.</summary>
    public static IServiceCollection AddMediationFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<MediationStore>();
        services.AddSingleton<ChatBot.Storage.Migrations.ISchemaMigration, CaseFactsMigration>();
        services.AddSingleton<MediationDownloads>();

        services.AddSingleton<Dialog, LogMediationDialog>();
        services.AddSingleton<Dialog, AddFollowUpDialog>();
        services.AddSingleton<Dialog, RecordOutcomeDialog>();
        services.AddSingleton<Dialog>(new TextPrompt(LogMediationDialog.PartiesPromptId, LogMediationDialog.ValidateParties));

        services.AddSingleton<IBotCommand>(new BeginDialogCommand(LogMediationDialog.DialogId,
            ["调解登记", "登记调解", "log mediation", "new mediation"], ["mediation.log"],
            new ChatBot.Cards.Help.CommandHelp("人民调解", "Mediation", "调解登记", "log mediation", "登记一起人民调解案件", "Log a people's mediation case", 20)));
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
        return services;
    }

    /// <summary>GET /files/{token}: the generated ledgers. Program.cs calls this once after building the app.</summary>
    public static void MapEndpoints(IEndpointRouteBuilder app) =>
        app.MapGet("/files/{token}", (string token, MediationDownloads downloads) =>
            downloads.Find(token) is { } file
                ? Results.File(file.Content, file.ContentType, file.FileName)
                : Results.Json(new { error = "This download link is unknown or has expired; ask the bot for the ledger again.", status = 404 }, statusCode: 404));
}
