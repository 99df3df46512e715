namespace ChatBot.Bot.Features.Mediation;

internal static class MediationFeature
{
    /// <summary>Registers the Mediation commands, dialogs and services.</summary>
    public static IServiceCollection AddMediationFeature(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
