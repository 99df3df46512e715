using ChatBot.Bot.Hosting.Housekeeping;
using Microsoft.Extensions.DependencyInjection.Extensions;

// In the DI namespace, like the other registration extensions.
namespace Microsoft.Extensions.DependencyInjection;

internal static class HousekeepingServiceCollectionExtensions
{
    /// <summary>Registers a clean-up task, and once the hosted <see cref="HousekeepingService"/> that runs it hourly.</summary>
    public static IServiceCollection AddHousekeepingTask<TTask>(this IServiceCollection services) where TTask : class, IHousekeepingTask
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHousekeepingTask, TTask>());
        services.AddHostedService<HousekeepingService>();
        return services;
    }
}
