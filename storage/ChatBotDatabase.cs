using LiteDB;
using LiteDB.Engine;

namespace ChatBot.Storage;

/// <summary>Opens the one LiteDB file the bot keeps everything in, and names its collections.</summary>
public static class ChatBotDatabase
{
    public const string Workspaces = "workspaces";
    public const string Members = "workspace_members";
    public const string ConversationReferences = "conversation_refs";
    public const string DialogState = "dialog_state";
    public const string ProcessedActivities = "processed_activities";
    public const string Audit = "audit";

    public static LiteDatabase Open(string pathOrConnectionString)
    {
        var cs = pathOrConnectionString.Contains('=')
            ? new ConnectionString(pathOrConnectionString)
            : new ConnectionString { Filename = pathOrConnectionString, Connection = ConnectionType.Direct };
        if (cs.Filename is { } file && file != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(file)) is { } dir)
            Directory.CreateDirectory(dir);
        // Direct connections go through SerializedEngine: LiteDB 5.0.20 corrupts pages under concurrent transactions.
        var db = cs.Connection == ConnectionType.Direct
            ? new LiteDatabase(new SerializedEngine(new LiteEngine(new EngineSettings
            {
                Filename = cs.Filename, Password = cs.Password, InitialSize = cs.InitialSize, ReadOnly = cs.ReadOnly,
                Collation = cs.Collation, Upgrade = cs.Upgrade, AutoRebuild = cs.AutoRebuild,
            })), CreateMapper())
            : new LiteDatabase(cs, CreateMapper());
        EnsureIndexes(db);
        return db;
    }

    public static BsonMapper CreateMapper()
    {
        var mapper = new BsonMapper { EnumAsInteger = false, TrimWhitespace = false, EmptyStringToNull = false };
        // LiteDB stores DateTime in UTC ticks but reads it as local: keep DateTimeOffset exact instead.
        mapper.RegisterType<DateTimeOffset>(v => new BsonValue(v.ToUniversalTime().ToString("O")), b => DateTimeOffset.Parse(b.AsString, System.Globalization.CultureInfo.InvariantCulture));
        mapper.RegisterType<DateOnly>(v => new BsonValue(v.ToString("yyyy-MM-dd")), b => DateOnly.ParseExact(b.AsString, "yyyy-MM-dd"));
        mapper.RegisterType<TimeOnly>(v => new BsonValue(v.ToString("HH:mm:ss")), b => TimeOnly.Parse(b.AsString, System.Globalization.CultureInfo.InvariantCulture));
        return mapper;
    }

    private static void EnsureIndexes(LiteDatabase db)
    {
        db.GetCollection<Conversations.WorkspaceMember>(Members).EnsureIndex(m => m.UserKey);
        db.GetCollection<Conversations.WorkspaceMember>(Members).EnsureIndex(m => m.WorkspaceId);
        db.GetCollection<Conversations.ProcessedActivity>(ProcessedActivities).EnsureIndex(p => p.SeenUtc);
        db.GetCollection<Conversations.AuditEntry>(Audit).EnsureIndex(a => a.RecordKey);
    }
}
