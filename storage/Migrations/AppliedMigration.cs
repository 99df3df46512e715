using LiteDB;

namespace ChatBot.Storage.Migrations;

/// <summary>A migration a database has had (one document of <c>schema_migrations</c>).</summary>
public sealed class AppliedMigration
{
    [BsonId] public int Version { get; set; }
    public string Name { get; set; } = "";
    public DateTimeOffset AppliedUtc { get; set; }
    /// <summary>Recorded on a database created after the migration: it had nothing to change.</summary>
    public bool OnNewDatabase { get; set; }
}
