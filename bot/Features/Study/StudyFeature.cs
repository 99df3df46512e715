namespace ChatBot.Bot.Features.Study;

internal static class StudyFeature
{
    /// <summary>Registers the Study commands, dialogs and services.</summary>
    public static IServiceCollection AddStudyFeature(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
