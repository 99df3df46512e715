using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Features.Study;
using ChatBot.Bot.Reminders;
using ChatBot.Cards.Help;
using ChatBot.Storage.Migrations;
using ChatBot.Storage.Study;

namespace Microsoft.Extensions.DependencyInjection;

internal static class StudyFeature
{
    /// <summary>Registers the Study commands, dialogs and services.</summary>
    public static IServiceCollection AddStudyFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<StudyStore>();
        services.Configure<StudyOptions>(configuration.GetSection(StudyOptions.Section));
        services.AddSingleton<ISchemaMigration, ExamScoreAttemptMigration>();
        services.AddSingleton<StudyLedgerReader>();
        services.AddSingleton<IBotCommand, MyStudyCommand>();
        services.AddSingleton<IBotCommand, StudyRecordCommand>();
        services.AddSingleton<IBotCommand, StudyHoursCommand>();
        services.AddSingleton<IBotCommand, ExamStatsCommand>();
        services.AddSingleton<IBotCommand, MakeUpListCommand>();
        services.AddSingleton<IBotCommand, ExportStudyLedgerCommand>();
        services.AddSingleton<IBotCommand, LinkStudyMeetingCommand>();
        services.AddSingleton<IActivityHandler, StudyMeetingSignInHandler>();
        services.AddSingleton<IBotCommand, ScheduleMakeUpCommand>();
        services.AddSingleton<Dialog, ScheduleStudyDialog>();
        services.AddSingleton<Dialog>(ScheduleStudyDialog.RulePrompt());
        services.AddSingleton<Dialog>(ScheduleStudyDialog.LinkPrompt());
        services.AddSingleton<Dialog>(ScheduleStudyDialog.PresenterPrompt());
        services.AddSingleton<IBotCommand>(ScheduleStudyDialog.Command());
        services.AddSingleton<IBotCommand, ListStudySessionsCommand>();
        services.AddSingleton<IBotCommand, CancelStudyOccurrenceCommand>();
        services.AddSingleton<IBotCommand, MoveStudyOccurrenceCommand>();
        services.AddSingleton<IBotCommand, StudySignInCommand>();
        services.AddSingleton<IBotCommand, StudyStatsCommand>();
        services.AddSingleton<IBotCommand, RecordExamScoresCommand>();
        services.AddSingleton<IBotCommand, StudyAttendanceCommand>();
        services.AddSingleton<IBotCommand, StudyReminderSettingsCommand>();
        services.AddSingleton<IBotCommand, StudyMaterialsCommand>();
        services.AddSingleton<Dialog, ImportStudyPlanDialog>();
        services.AddSingleton<IBotCommand>(ImportStudyPlanDialog.Command());
        services.AddSingleton<IReminderSource, StudyReminderSource>();
        services.AddSingleton<IReminderSource, PresenterReminderSource>();
        return services;
    }
}
