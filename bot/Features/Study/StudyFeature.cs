using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Bot.Reminders;
using ChatBot.Cards.Help;
using ChatBot.Storage.Study;

using ChatBot.Bot.Features.Study;

namespace Microsoft.Extensions.DependencyInjection;

internal static class StudyFeature
{
    /// <summary>Registers the Study commands, dialogs and services.</summary>
    public static IServiceCollection AddStudyFeature(this IServiceCollection services)
    {
        services.AddSingleton<StudyStore>();
        services.AddSingleton<Dialog, ScheduleStudyDialog>();
        services.AddSingleton<Dialog>(new TextPrompt(ScheduleStudyDialog.RulePromptId, ScheduleStudyDialog.ValidateRule));
        services.AddSingleton<Dialog>(new TextPrompt(ScheduleStudyDialog.LinkPromptId, ScheduleStudyDialog.ValidateLink));
        services.AddSingleton<IBotCommand>(new BeginDialogCommand(ScheduleStudyDialog.DialogId, ["安排学法", "新建学法", "schedule study", "new study session"], ["study.schedule"],
            new CommandHelp("学法", "Law study", "安排学法", "schedule study", "安排一次或每月重复的学法活动(每月一法)", "Schedule a one-off or monthly law-study session", 20)));
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
