using ChatBot.Bot.Channels.BotFramework;
using ChatBot.Bot.Channels.DirectLine;
using ChatBot.Bot.Channels.WeCom;
using ChatBot.Bot.Channels.WeCom.LongConnection;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Bot.Features.Help;
using ChatBot.Bot.Features.Mediation;
using ChatBot.Bot.Features.PlanTasks;
using ChatBot.Bot.Features.Study;
using ChatBot.Bot.Hosting;
using ChatBot.Storage;
using ChatBot.Storage.Conversations;
using LiteDB;
using Microsoft.Extensions.Options;

// `dotnet run --project bot -- teams-package …` builds the Teams app package instead of starting the bot.
if (ChatBot.Bot.Channels.Teams.TeamsPackageCommand.TryRun(args, out var packageExitCode)) return packageExitCode;
// `-- backup [--to FILE]` / `-- restore FILE`: docs/admin/backups.md.
if (ChatBot.Bot.Features.Backups.BackupCommandLine.TryRun(args, out var backupExitCode)) return backupExitCode;

// Settings are read once at start (nothing here uses IOptionsMonitor). With reload on change the host would watch the
// whole content root, the data folder included, and wake on every journal and database write.
// The content root is the program's folder, so appsettings.json next to the dll is read from any working directory
// (docs/deployment.md).
var builder = WebApplication.CreateBuilder(ProgramFolder.Options([.. args, "--hostBuilder:reloadConfigOnChange=false"]));
var services = builder.Services;
var config = builder.Configuration;

// Options, bound from appsettings.json sections (secrets come from environment variables or user-secrets).
services.Configure<BotOptions>(config.GetSection(BotOptions.Section));
services.Configure<BotFrameworkOptions>(config.GetSection(BotFrameworkOptions.Section));
services.AddSingleton(TimeProvider.System);

// One LiteDB file for everything.
services.AddSingleton<LiteDatabase>(MigratedDatabase.Open); // applies the features' ISchemaMigrations first
StartupReadiness.Register(services); // opens it in the background while the web server starts; /healthz waits for it
services.AddSingleton<WorkspaceStore>();
services.AddSingleton<ConversationReferenceStore>();
services.AddSingleton<IDialogStateStore>(sp => new JournaledDialogStateStore(sp.GetRequiredService<LiteDatabase>(), ex =>
    sp.GetRequiredService<ILogger<JournaledDialogStateStore>>().LogError(ex,
        "Dialog-state checkpoint failed; it is retried every second and the journal files are kept until it succeeds")));
services.AddSingleton<AuditLog>();

// The conversation engine.
services.AddSingleton<DialogSet>();
services.AddSingleton<CommandRouter>();
services.AddSingleton<ConversationEngine>();
services.AddSingleton<WorkspaceResolver>();
services.AddSingleton<KeyedLock>();
services.AddSingleton<TurnRunner>();
services.AddSingleton<RecentIds>();
services.AddSingleton<ProactiveMessenger>();
ChatBot.Bot.Reminders.ReminderServiceCollectionExtensions.AddReminders(services, config);
services.AddSingleton<Dialog>(new TextPrompt(TextPrompt.DefaultId));
services.AddSingleton<Dialog>(new NumberPrompt(NumberPrompt.DefaultId));
services.AddSingleton<Dialog>(new DatePrompt(DatePrompt.DefaultId));
services.AddSingleton<Dialog>(new ChoicePrompt(ChoicePrompt.DefaultId));
services.AddSingleton<Dialog>(new ConfirmPrompt(ConfirmPrompt.DefaultId));
services.AddSingleton<Dialog>(new FormPrompt());
services.AddSingleton<IBotCommand, HelpCommand>();
services.AddSingleton<IBotCommand, CancelCommand>();
services.AddSingleton<IBotCommand, SetNameCommand>();
services.AddSingleton<IActivityHandler, WelcomeHandler>();

// Channels.
services.AddBotFrameworkChannel(config);
services.AddTeamsChannel();
services.AddDirectLineChannel();
services.AddWeComChannel(config);

// Features.
services.AddMediationFeature(config);
services.AddStudyFeature(config);
services.AddPlanTasksFeature(config);
ChatBot.Bot.Features.Workspaces.WorkspacesFeature.AddWorkspacesFeature(services);
ChatBot.Bot.Features.Backups.BackupFeature.AddBackups(services, config);

var app = builder.Build();
app.Services.GetRequiredService<StartupReadiness>().Begin();

if (!app.Services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value.AuthenticationEnabled)
    app.Logger.LogWarning("BotFramework:MicrosoftAppId is empty: inbound authentication is OFF. Use this only for local development.");

app.UseStatusCodePages(ctx => ctx.HttpContext.Response.WriteAsJsonAsync(new { status = ctx.HttpContext.Response.StatusCode }));
app.UseExceptionHandler(errorApp => errorApp.Run(ctx =>
{
    ctx.Response.StatusCode = StatusCodes.Status500InternalServerError;
    return ctx.Response.WriteAsJsonAsync(new { error = "An unexpected error occurred; it has been logged.", status = 500 });
}));

BotFrameworkEndpoint.Map(app);
MediationFeature.MapEndpoints(app);   // GET /files/{token}: Excel ledger downloads
app.MapDirectLine();
ChatBot.Bot.Channels.WeCom.WeComEndpoints.Map(app);
// 200 only when a turn can be taken (the database is open); 503 while it is still opening after 10 s, or failed.
// With the WeCom long connection, its state is shown too (a connection being down does not make the bot unhealthy).
app.MapGet("/healthz", async (StartupReadiness readiness, ChatBot.Bot.Channels.WeCom.LongConnection.WeComLongConnection wecom, CancellationToken ct) =>
    await readiness.IsReadyAsync(TimeSpan.FromSeconds(10), ct)
        ? wecom.State == ChatBot.Bot.Channels.WeCom.LongConnection.WeComLongConnectionState.Disabled
            ? Results.Ok(new { status = "ok" })
            : Results.Ok(new { status = "ok", wecomLongConnection = wecom.Describe() })
        : Results.Json(new { status = readiness.DatabaseOpen.IsFaulted ? "unavailable" : "starting" }, statusCode: StatusCodes.Status503ServiceUnavailable));

app.Run();
return 0;

public partial class Program;
