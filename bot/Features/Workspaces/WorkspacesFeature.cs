using ChatBot.Bot.Conversation;
using ChatBot.Bot.Features.Workspaces;

namespace Microsoft.Extensions.DependencyInjection;

internal static class WorkspacesFeature
{
    /// <summary>Registers the workspace admin commands (管理员 / 设为管理员 / 取消管理员).</summary>
    public static IServiceCollection AddWorkspacesFeature(this IServiceCollection services)
    {
        services.AddSingleton<AdminPeople>();
        services.AddSingleton<IBotCommand, ListAdminsCommand>();
        services.AddSingleton<IBotCommand, AddAdminCommand>();
        services.AddSingleton<IBotCommand, RemoveAdminCommand>();
        return services;
    }
}
