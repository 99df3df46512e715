using ChatBot.Bot.Hosting;
using ChatBot.Bot.Hosting.Housekeeping;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Engine;
using ChatBot.Storage.Postgres;
using LiteDB;
using Npgsql;

// Every registration extension is in the DI namespace, so Program.cs reads as a list of them with no usings.
namespace Microsoft.Extensions.DependencyInjection;

internal static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The database of Bot:Storage, migrated and opened in the background while the web server starts (/healthz and
    /// /readyz wait for it): the LiteDB file (Bot:DatabasePath, the default) or PostgreSQL (ConnectionStrings:Postgres).
    /// And the stores every feature shares: workspaces, conversation references, dialog state, the audit log.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ConnectionStringsOptions>(configuration.GetSection(ConnectionStringsOptions.Section));
        services.AddSingleton<MigrationReport>();
        services.AddSingleton<DocumentDatabase>(MigratedDatabase.Open); // applies the features' ISchemaMigrations first
        services.AddSingleton<LiteDatabase>(MigratedDatabase.OpenLiteDb); // Bot:Storage = litedb only
        services.AddSingleton<NpgsqlDataSource>(MigratedDatabase.PostgresDataSource); // Bot:Storage = postgres only
        StartupReadiness.Register(services);
        services.AddSingleton<DatabaseProbe>();
        services.AddSingleton<WorkspaceStore>();
        services.AddSingleton<ConversationReferenceStore>();
        services.AddSingleton<IDialogStateStore>(DialogStateStore);
        services.AddSingleton<AuditLog>();
        services.AddSingleton<ClosedCardStore>();
        services.AddHousekeepingTask<ClosedCardHousekeeping>();
        services.AddSingleton<ChatBot.Storage.Downloads.LinkStore>();
        services.AddHousekeepingTask<LinkHousekeeping>();
        return services;
    }

    /// <summary>LiteDB: the journal that group-commits turns into the file; PostgreSQL: one row per state.</summary>
    private static IDialogStateStore DialogStateStore(IServiceProvider sp) => sp.GetRequiredService<DocumentDatabase>() switch
    {
        PostgresDocumentDatabase postgres => new PostgresDialogStateStore(postgres),
        _ => new JournaledDialogStateStore(sp.GetRequiredService<LiteDatabase>(), ex =>
            sp.GetRequiredService<ILogger<JournaledDialogStateStore>>().LogError(ex,
                "Dialog-state checkpoint failed; it is retried every second and the journal files are kept until it succeeds")),
    };
}
