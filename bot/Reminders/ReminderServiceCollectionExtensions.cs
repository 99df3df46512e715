using ChatBot.Bot.Reminders.Calendar;
using ChatBot.Bot.Reminders;
using ChatBot.Bot.Reminders.Leadership;
using ChatBot.Storage.Engine;
using ChatBot.Storage.Postgres;
using ChatBot.Storage.Reminders;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

internal static class ReminderServiceCollectionExtensions
{
    /// <summary>
    /// The reminder engine: outbox store, sender and the once-a-minute scheduler (a hosted service unless
    /// Reminders:Enabled is false). Features add their <see cref="IReminderSource"/>s with
    /// <c>services.AddSingleton&lt;IReminderSource, MySource&gt;()</c>.
    /// </summary>
    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReminderOptions>(configuration.GetSection(ReminderOptions.Section));
        services.AddSingleton(sp => WorkingCalendar.Load(sp.GetRequiredService<IOptions<ReminderOptions>>().Value.HolidayCalendarFile,
            sp.GetRequiredService<ILogger<WorkingCalendar>>()));
        // Several instances on PostgreSQL: one runs the reminders (an advisory lock); one process on LiteDB always does.
        services.AddSingleton<IReminderLeadership>(sp => sp.GetRequiredService<DocumentDatabase>() is PostgresDocumentDatabase postgres
            ? ActivatorUtilities.CreateInstance<PostgresLeadership>(sp, postgres.DataSource)
            : new LocalLeadership());
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<OutboxSender>();
        services.AddSingleton<ReplyOutbox>();
        services.AddSingleton<ReminderScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<ReminderScheduler>());
        return services;
    }
}
