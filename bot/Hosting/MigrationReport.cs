using ChatBot.Storage.Migrations;

namespace ChatBot.Bot.Hosting;

/// <summary>What opening the database applied (logged at start; printed by the migrate command).</summary>
internal sealed class MigrationReport(ILogger<MigrationReport> log)
{
    public string? Provider { get; private set; }

    /// <summary>PostgreSQL schema scripts ("0001_tables").</summary>
    public IReadOnlyList<string> SchemaScripts { get; private set; } = [];

    /// <summary>Record migrations ("1000 CaseFacts").</summary>
    public IReadOnlyList<string> RecordMigrations { get; private set; } = [];

    public void Applied(string provider, IReadOnlyList<string> schemaScripts, IReadOnlyList<ISchemaMigration> records)
    {
        Provider = provider;
        SchemaScripts = schemaScripts;
        RecordMigrations = records.Select(m => $"{m.Version} {m.Name}").ToList();
        foreach (var s in SchemaScripts) log.LogInformation("Applied the PostgreSQL schema script {Script}", s);
        foreach (var m in records) log.LogInformation("Applied the migration {Version} {Name}", m.Version, m.Name);
    }
}
