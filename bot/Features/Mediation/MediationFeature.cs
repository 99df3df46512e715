using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Features.Mediation;
using ChatBot.Storage.Mediation;

namespace Microsoft.Extensions.DependencyInjection;

internal static class MediationFeature
{
    /// <summary>Registers the Mediation commands, dialogs and services.</summary>
    public static IServiceCollection AddMediationFeature(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<MediationStore>();
        services.AddSingleton<MediationDownloads>();
        services.AddSingleton<MediationReplies>();

        services.AddSingleton<Dialog, LogMediationDialog>();
        services.AddSingleton<Dialog, AddFollowUpDialog>();
        services.AddSingleton<Dialog, RecordOutcomeDialog>();
        services.AddSingleton<Dialog>(LogMediationDialog.PartiesPrompt());

        services.AddSingleton<IBotCommand>(LogMediationDialog.Command());
        services.AddSingleton<IBotCommand, MediationFormSubmitCommand>();
        services.AddSingleton<ListMediationsCommand>();
        services.AddSingleton<IBotCommand>(sp => sp.GetRequiredService<ListMediationsCommand>());
        services.AddSingleton<IBotCommand, ShowMediationCommand>();
        services.AddSingleton<IBotCommand, FollowUpCommand>();
        services.AddSingleton<IBotCommand, RecordOutcomeCommand>();
        services.AddSingleton<IBotCommand, MediationStatsCommand>();
        services.AddSingleton<IBotCommand, ExportMediationsCommand>();
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
