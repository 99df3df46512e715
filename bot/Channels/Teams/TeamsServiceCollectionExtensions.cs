using ChatBot.Bot.Channels.Teams;
using ChatBot.Bot.Conversation;

// In the DI namespace so Program.cs needs only its one registration line (no using).
namespace Microsoft.Extensions.DependencyInjection;

internal static class TeamsServiceCollectionExtensions
{
    /// <summary>Teams behaviours on top of the Bot Framework channel: conversation references kept and dropped with
    /// installation events, and proactive messages (reminders) into Teams chats and channels.</summary>
    public static IServiceCollection AddTeamsChannel(this IServiceCollection services)
    {
        services.AddSingleton<IActivityHandler, TeamsInstallationHandler>();
        return services;
    }
}
