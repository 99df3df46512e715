using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Bot.Features.PlanTasks;
using ChatBot.Bot.Features.PlanTasks.Import;
using ChatBot.Bot.Reminders;
using ChatBot.Storage.PlanTasks;

namespace Microsoft.Extensions.DependencyInjection;

internal static class PlanTasksFeature
{
    /// <summary>Registers the PlanTasks commands, dialogs and services.</summary>
    public static IServiceCollection AddPlanTasksFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PlanTaskOptions>(configuration.GetSection(PlanTaskOptions.Section));
        services.AddSingleton<PlanTaskStore>();
        services.AddSingleton<OwnerBindingStore>();
        services.AddSingleton<PlanFileLoader>();
        services.AddHttpClient(PlanFileLoader.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));

        services.AddSingleton<IBotCommand, OverdueTasksCommand>();
        services.AddSingleton<IBotCommand, ListTasksCommand>();
        services.AddSingleton<IBotCommand, ProgressDigestCommand>();
        services.AddSingleton<IBotCommand, UpdateProgressCommand>();
        services.AddSingleton<IBotCommand, CancelTaskCommand>();
        services.AddSingleton<IBotCommand, ShowTaskCommand>();
        services.AddSingleton<IBotCommand, SupervisionStatsCommand>();
        // 督办 supervision cycle (#24)
        services.AddSingleton<SupervisionNotices>();
        services.AddSingleton<IBotCommand, AcknowledgeTaskCommand>();
        services.AddSingleton<IBotCommand, ChaseTaskCommand>();
        services.AddSingleton<IBotCommand, RequestExtensionCommand>();
        services.AddSingleton<IBotCommand, DecideExtensionCommand>();
        services.AddSingleton<IBotCommand, AcceptTaskCommand>();
        services.AddSingleton<IBotCommand, ReturnTaskCommand>();
        services.AddSingleton<IBotCommand, InstructTaskCommand>();
        services.AddSingleton<IBotCommand, BindOwnerCommand>();
        services.AddSingleton<IBotCommand, UnbindOwnerCommand>();
        services.AddSingleton<IBotCommand, SetDeadlineCommand>();
        services.AddSingleton<IBotCommand>(CompleteTaskDialog.Command());
        services.AddSingleton<IBotCommand>(ImportPlanDialog.Command());
        services.AddSingleton<IBotCommand>(ImportMinutesDialog.Command());
        services.AddSingleton<IBotCommand>(EditTaskDialog.AddCommand());
        services.AddSingleton<IBotCommand>(EditTaskDialog.EditCommand());

        services.AddSingleton<Dialog, CompleteTaskDialog>();
        services.AddSingleton<Dialog, ImportPlanDialog>();
        services.AddSingleton<Dialog, ImportMinutesDialog>();
        services.AddSingleton<Dialog>(new TextPrompt(ImportMinutesDialog.DeadlinePromptId, ImportMinutesDialog.ValidateDeadline));
        services.AddSingleton<Dialog, EditTaskDialog>();
        services.AddSingleton<Dialog>(CompleteTaskDialog.FeedbackPrompt());

        services.AddSingleton<IReminderSource, TaskReminderSource>();
        services.AddSingleton<IReminderSource, UnsignedTaskReminderSource>();
        return services;
    }
}
