using ChatBot.Bot.Conversation;
using ChatBot.Bot.Features.Backups;

namespace Microsoft.Extensions.DependencyInjection;

internal static class BackupFeature
{
    /// <summary>Backups: the service, the nightly scheduler (unless Backup:Enabled is false) and 备份状态.</summary>
    public static IServiceCollection AddBackupsFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BackupOptions>(configuration.GetSection(BackupOptions.Section));
        services.AddSingleton<BackupService>();
        services.AddSingleton<BackupScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<BackupScheduler>());
        services.AddSingleton<IBotCommand, BackupStatusCommand>();
        return services;
    }
}
