using ChatBot.Bot.Conversation;
using ChatBot.Bot.Features.Help;

namespace Microsoft.Extensions.DependencyInjection;

internal static class HelpFeature
{
    /// <summary>What every conversation has: 帮助 / help, 取消 / cancel, 我叫 … / my name is …, and the welcome card.</summary>
    public static IServiceCollection AddHelpFeature(this IServiceCollection services)
    {
        services.AddSingleton<IBotCommand, HelpCommand>();
        services.AddSingleton<IBotCommand, CancelCommand>();
        services.AddSingleton<IBotCommand, SetNameCommand>();
        services.AddSingleton<IActivityHandler, WelcomeHandler>();
        return services;
    }
}
