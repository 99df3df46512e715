using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Conversation.Prompts;

namespace Microsoft.Extensions.DependencyInjection;

internal static class ConversationServiceCollectionExtensions
{
    /// <summary>
    /// The conversation engine every channel feeds: the Bot settings, workspace resolution, the serialised turn runner,
    /// command routing, the dialog set with the shared prompts, and proactive messages. Features add their commands
    /// (<see cref="IBotCommand"/>), dialogs (<see cref="Dialog"/>) and handlers (<see cref="IActivityHandler"/>).
    /// </summary>
    public static IServiceCollection AddConversationEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BotOptions>(configuration.GetSection(BotOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<DialogSet>();
        services.AddSingleton<CommandRouter>();
        // For commands that list the others (帮助): the router is built from every command, so they take it lazily.
        services.AddSingleton(sp => new Lazy<CommandRouter>(sp.GetRequiredService<CommandRouter>));
        services.AddSingleton<ConversationEngine>();
        services.AddSingleton<WorkspaceResolver>();
        // On PostgreSQL a turn also holds its conversation key on the database (several instances), on connections of
        // their own so that turns waiting for a key never take the connections the stores need.
        services.AddSingleton(sp => sp.GetRequiredService<ChatBot.Storage.Engine.DocumentDatabase>() is ChatBot.Storage.Postgres.PostgresDocumentDatabase
            ? new KeyedLock(new ChatBot.Storage.Postgres.PostgresAdvisoryLocks(Npgsql.NpgsqlDataSource.Create(new Npgsql.NpgsqlConnectionStringBuilder(
                sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ChatBot.Bot.Hosting.ConnectionStringsOptions>>().Value.Postgres) { ApplicationName = "chatbot-turn-locks" }.ConnectionString)))
            : new KeyedLock());
        services.AddSingleton<TurnRunner>();
        services.AddSingleton<RecentIds>();
        services.AddSingleton<ProactiveMessenger>();
        services.AddSingleton<Dialog>(new TextPrompt(TextPrompt.DefaultId));
        services.AddSingleton<Dialog>(new NumberPrompt(NumberPrompt.DefaultId));
        services.AddSingleton<Dialog>(new DatePrompt(DatePrompt.DefaultId));
        services.AddSingleton<Dialog>(new ChoicePrompt(ChoicePrompt.DefaultId));
        services.AddSingleton<Dialog>(new ConfirmPrompt(ConfirmPrompt.DefaultId));
        services.AddSingleton<Dialog>(new FormPrompt());
        return services;
    }
}
