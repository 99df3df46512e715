using ChatBot.Bot.Channels.Teams;
using ChatBot.Bot.Channels.WeCom;
using ChatBot.Bot.Features.Backups;
using ChatBot.Bot.Hosting;

// `dotnet run --project bot -- teams-package …` builds the Teams app package instead of starting the bot.
if (TeamsPackageCommand.TryRun(args, out var packageExitCode)) return packageExitCode;
// `-- backup [--to FILE]` / `-- restore FILE`: docs/admin/backups.md.
if (BackupCommandLine.TryRun(args, out var backupExitCode)) return backupExitCode;
// `-- migrate-store --from FILE --to CONNECTION_STRING [--force]`: LiteDB to PostgreSQL (docs/deployment.md).
if (StoreCommandLine.TryRunMigrateStore(args, out var copyExitCode)) return copyExitCode;

// Settings are read once at start (nothing here uses IOptionsMonitor). With reload on change the host would watch the
// whole content root, the data folder included, and wake on every journal and database write.
// The content root is the program's folder, so appsettings.json next to the dll is read from any working directory
// (docs/deployment.md).
var builder = WebApplication.CreateBuilder(ProgramFolder.Options([.. args, "--hostBuilder:reloadConfigOnChange=false"]));
var config = builder.Configuration;

// The order matters where several registrations make a list: handlers, hosted services, reply channels.
builder.Services
    .AddStorage(config)
    .AddConversationEngine(config)
    .AddReminders(config)
    .AddHelpFeature()
    // Channels.
    .AddBotFrameworkChannel(config)
    .AddTeamsChannel()
    .AddDirectLineChannel()
    .AddWeComChannel(config)
    // Features: docs/adding-a-feature.md.
    .AddWorkspacesFeature()
    .AddMediationFeature(config)
    .AddStudyFeature(config)
    .AddPlanTasksFeature(config)
    .AddReportsFeature()
    .AddBackupsFeature(config)
    .AddChartsFeature(config)
    .AddBoardFeature(config);

var app = builder.Build();
// `-- migrate`: applies the configured database's migrations and exits.
if (StoreCommandLine.TryRunMigrate(args, app, out var migrateExitCode)) return migrateExitCode;
app.Services.GetRequiredService<StartupReadiness>().Begin();

app.UseJsonErrorResponses();
app.MapBotFrameworkEndpoints();
app.MapMediationEndpoints();
app.MapChartsEndpoints();
app.MapBoardEndpoints();
app.MapDirectLine();
app.MapWeComEndpoints();
app.MapHealthEndpoint();

app.Run();
return 0;

public partial class Program;
