using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Features.Study;
using ChatBot.Bot.Reminders;
using ChatBot.Storage.Study;

namespace Microsoft.Extensions.DependencyInjection;

internal static class StudyFeature
{
    /// <summary>Registers the Study commands, dialogs and services.</summary>
    public static IServiceCollection AddStudyFeature(this IServiceCollection services)
    {
        services.AddSingleton<StudyStore>();
        services.AddSingleton<Dialog, ScheduleStudyDialog>();
        services.AddSingleton<Dialog>(ScheduleStudyDialog.RulePrompt());
        services.AddSingleton<Dialog>(ScheduleStudyDialog.LinkPrompt());
        services.AddSingleton<IBotCommand>(ScheduleStudyDialog.Command());
        services.AddSingleton<IBotCommand, ListStudySessionsCommand>();
        services.AddSingleton<IBotCommand, CancelStudyOccurrenceCommand>();
        services.AddSingleton<IBotCommand, MoveStudyOccurrenceCommand>();
        services.AddSingleton<IBotCommand, StudySignInCommand>();
        services.AddSingleton<IBotCommand, StudyStatsCommand>();
        services.AddSingleton<IBotCommand, RecordExamScoresCommand>();
        services.AddSingleton<IBotCommand, StudyAttendanceCommand>();
        services.AddSingleton<IBotCommand, StudyReminderSettingsCommand>();
        services.AddSingleton<IReminderSource, StudyReminderSource>();
        return services;
    }
}
