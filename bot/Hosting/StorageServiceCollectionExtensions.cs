using ChatBot.Bot.Hosting;
using ChatBot.Bot.Hosting.Housekeeping;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Engine;
using LiteDB;

// Every registration extension is in the DI namespace, so Program.cs reads as a list of them with no usings.
namespace Microsoft.Extensions.DependencyInjection;

internal static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The one LiteDB file (Bot:DatabasePath), migrated and opened in the background while the web server starts (/healthz waits
    /// for it), and the stores every feature shares: workspaces, conversation references, dialog state, the audit log.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddSingleton<LiteDatabase>(MigratedDatabase.Open); // applies the features' ISchemaMigrations first
        services.AddSingleton<DocumentDatabase>(sp => sp.GetRequiredService<LiteDatabase>());
        StartupReadiness.Register(services);
        services.AddSingleton<WorkspaceStore>();
        services.AddSingleton<ConversationReferenceStore>();
        services.AddSingleton<IDialogStateStore>(sp => new JournaledDialogStateStore(sp.GetRequiredService<LiteDatabase>(), ex =>
            sp.GetRequiredService<ILogger<JournaledDialogStateStore>>().LogError(ex,
                "Dialog-state checkpoint failed; it is retried every second and the journal files are kept until it succeeds")));
        services.AddSingleton<AuditLog>();
        services.AddSingleton<ClosedCardStore>();
        services.AddHousekeepingTask<ClosedCardHousekeeping>();
        services.AddSingleton<ChatBot.Storage.Downloads.LinkStore>();
        services.AddHousekeepingTask<LinkHousekeeping>();
        return services;
    }
}
