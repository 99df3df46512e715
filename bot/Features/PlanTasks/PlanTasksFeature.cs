namespace ChatBot.Bot.Features.PlanTasks;

internal static class PlanTasksFeature
{
    /// <summary>Registers the PlanTasks commands, dialogs and services.</summary>
    public static IServiceCollection AddPlanTasksFeature(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
