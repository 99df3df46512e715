using ChatBot.Storage.Engine;
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
    public const string WeComCardActions = "wecom_card_actions";
    public const string WeComForms = "wecom_forms";
    public const string WeComSettings = "wecom_settings";
    public const string ClosedCards = "closed_cards";

    /// <summary>The parts of the storage that own collections: every <see cref="IOwnsCollections"/> in this assembly.</summary>
    public static readonly IReadOnlyList<Type> CollectionOwners = typeof(ChatBotDatabase).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IOwnsCollections).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal).ToList();

    /// <summary>Every collection the bot writes. All are created when the file is opened (see <see cref="EnsureCollections"/>).</summary>
    public static readonly IReadOnlyList<string> Collections =
        CollectionOwners.SelectMany(t => Of<Func<IReadOnlyList<string>>>(nameof(CollectionsOf), t)()).ToList();

    private static readonly IReadOnlyList<Action<LiteDatabase>> IndexMakers =
        CollectionOwners.Select(t => Of<Action<LiteDatabase>>(nameof(EnsureIndexesOf), t)).ToList();

    private static IReadOnlyList<string> CollectionsOf<TOwner>() where TOwner : IOwnsCollections => TOwner.Collections;

    private static void EnsureIndexesOf<TOwner>(LiteDatabase db) where TOwner : IOwnsCollections => TOwner.EnsureIndexes(db);

    /// <summary>A generic method above, closed over one owner (a delegate, so exceptions reach the caller unwrapped).</summary>
    private static TDelegate Of<TDelegate>(string method, Type owner) where TDelegate : Delegate =>
        typeof(ChatBotDatabase).GetMethod(method, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(owner).CreateDelegate<TDelegate>();

    public static LiteDatabase Open(string pathOrConnectionString) => Open(pathOrConnectionString, ClaimTimeout);

    /// <param name="claimTimeout">How long to wait for another engine of this process on the same file to be disposed.</param>
    internal static LiteDatabase Open(string pathOrConnectionString, TimeSpan claimTimeout)
    {
        var cs = pathOrConnectionString.Contains('=')
            ? new ConnectionString(pathOrConnectionString)
            : new ConnectionString { Filename = pathOrConnectionString, Connection = ConnectionType.Direct };
        if (cs.Filename is { } file && file != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(file)) is { } dir)
            Directory.CreateDirectory(dir);
        // Direct connections go through SerializedEngine: LiteDB 5.0.20 corrupts pages under concurrent transactions.
        // Their commits wait until LiteDB's log is written and fsynced (DurableCommits): LiteDB's own Commit does not.
        LiteDatabase db;
        if (cs.Connection == ConnectionType.Direct)
        {
            var release = cs.Filename == ":memory:" ? null : ClaimFile(cs.Filename, claimTimeout);
            LiteEngine? engine = null;
            DurableCommits? durable = null;
            try
            {
                engine = new LiteEngine(new EngineSettings
                {
                    Filename = cs.Filename, Password = cs.Password, InitialSize = cs.InitialSize, ReadOnly = cs.ReadOnly,
                    Collation = cs.Collation, Upgrade = cs.Upgrade, AutoRebuild = cs.AutoRebuild,
                });
                durable = cs.Filename == ":memory:" || cs.ReadOnly ? null : new DurableCommits(engine, cs.Filename);
                var serialized = new SerializedEngine(engine, durable, release);
                db = new LiteDatabase(serialized, CreateMapper());
                if (durable is not null) Durability.Add(db, durable);
                Engines.Add(db, serialized);
            }
            catch
            {
                // The engine is closed before the file is released: another Open must never meet it still open.
                durable?.Dispose();
                engine?.Dispose();
                release?.Invoke();
                throw;
            }
        }
        else db = new LiteDatabase(cs, CreateMapper());
        try
        {
            EnsureCollections(db);
            EnsureIndexes(db);
        }
        catch
        {
            db.Dispose(); // closes the engine and releases the file, so a later Open fails (or succeeds) at once
            throw;
        }
        return db;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<LiteDatabase, DurableCommits> Durability = new();
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<LiteDatabase, SerializedEngine> Engines = new();

    /// <summary>The engine every operation of a database opened here goes through (null: shared mode).</summary>
    internal static SerializedEngine? EngineOf(LiteDatabase db) => Engines.TryGetValue(db, out var e) ? e : null;

    // One open engine per file in this process. A direct-mode LiteDB engine assumes it is alone on its file, and the
    // operating system does not stop a second one here (.NET's file sharing is advisory on Linux): two engines on one
    // file corrupt it ("page type must be …"). A second Open of the same file waits until the first is disposed.
    // The opener of each open file is remembered, so that a second Open that gives up can say who holds the file.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> OpenFiles = new(StringComparer.Ordinal);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Openers = new(StringComparer.Ordinal);
    private static readonly TimeSpan ClaimTimeout = TimeSpan.FromSeconds(30);

    private static Action ClaimFile(string file, TimeSpan timeout)
    {
        var path = Path.GetFullPath(file);
        var gate = OpenFiles.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        if (!gate.Wait(timeout))
            throw new IOException($"The database file '{path}' is still open in this process, and was not closed within " +
                $"{timeout.TotalSeconds:0.#} s; it cannot be opened twice. It was opened {(Openers.TryGetValue(path, out var by) ? by : "(unknown)")}");
        Microsoft.Win32.SafeHandles.SafeFileHandle processLock;
        try { processLock = LockAgainstOtherProcesses(path); }
        catch
        {
            gate.Release();
            throw;
        }
        Openers[path] = $"at {DateTimeOffset.UtcNow:O} on thread '{Thread.CurrentThread.Name ?? Environment.CurrentManagedThreadId.ToString()}':{Environment.NewLine}{Environment.StackTrace}";
        var released = 0;
        return () =>
        {
            if (Interlocked.Exchange(ref released, 1) != 0) return;
            Openers.TryRemove(path, out _);
            processLock.Dispose();
            gate.Release();
        };
    }

    /// <summary>The file beside the database that one process at a time holds open (<c>chatbot.db.lock</c>).</summary>
    public static string LockFileOf(string databaseFile) => Path.GetFullPath(databaseFile) + ".lock";

    // LiteDB opens its file shared, so a second bot process on the same file would not be stopped, and two engines
    // (and two dialog-state journals, each replaying and deleting the other's files) would corrupt it. A lock file held
    // with FileShare.None (an exclusive flock on Linux, released by the kernel if the process dies) keeps it to one.
    private static Microsoft.Win32.SafeHandles.SafeFileHandle LockAgainstOtherProcesses(string path)
    {
        try { return File.OpenHandle(LockFileOf(path), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
        catch (IOException ex)
        {
            throw new IOException($"The database file '{path}' is in use by another process (another bot instance?). " +
                "Only one process may use a database file: stop the other one, or give this one its own Bot:DatabasePath.", ex);
        }
    }

    /// <summary>How to wait for a commit to be on disk, for a caller that commits with durability deferred; null when
    /// the database is not a file opened here (in memory, shared mode).</summary>
    internal static DurableCommits? DurabilityOf(LiteDatabase db) => Durability.TryGetValue(db, out var d) ? d : null;

    /// <summary>The full path of the file a database opened here writes to; null when it has none (in memory, read-only, shared mode).</summary>
    internal static string? FileOf(LiteDatabase db) => DurabilityOf(db)?.DataFile;

    public static BsonMapper CreateMapper()
    {
        var mapper = new BsonMapper { EnumAsInteger = false, TrimWhitespace = false, EmptyStringToNull = false };
        // LiteDB stores DateTime in UTC ticks but reads it as local: keep DateTimeOffset exact instead.
        mapper.RegisterType<DateTimeOffset>(v => new BsonValue(v.ToUniversalTime().ToString("O")), b => DateTimeOffset.Parse(b.AsString, System.Globalization.CultureInfo.InvariantCulture));
        mapper.RegisterType<DateOnly>(v => new BsonValue(v.ToString("yyyy-MM-dd")), b => DateOnly.ParseExact(b.AsString, "yyyy-MM-dd"));
        mapper.RegisterType<TimeOnly>(v => new BsonValue(v.ToString("HH:mm:ss")), b => TimeOnly.Parse(b.AsString, System.Globalization.CultureInfo.InvariantCulture));
        // LiteDB 5.0 builds a type's mapping on first use and publishes it before it is complete, so two threads mapping
        // a type for the first time at once can see half a mapping. Map every stored type here, on one thread.
        foreach (var type in DocumentTypes)
            mapper.ToDocument(type, System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(type));
        return mapper;
    }

    /// <summary>The record types stored in the collections (the two WeCom channel records live in the bot project and are mapped on first use).</summary>
    private static readonly Type[] DocumentTypes =
    [
        typeof(Conversations.Workspace), typeof(Conversations.WorkspaceMember), typeof(Conversations.StoredConversationReference),
        typeof(Conversations.DialogStateRecord), typeof(Conversations.ProcessedActivity), typeof(Conversations.AuditEntry),
        typeof(Mediation.MediationCase), typeof(Mediation.MediationCounter),
        typeof(Study.StudySession), typeof(Study.StudyAttendance), typeof(Study.StudyExamScore),
        typeof(PlanTasks.PlanTask), typeof(PlanTasks.TaskSupervision), typeof(PlanTasks.TaskChase), typeof(PlanTasks.ExtensionRequest),
        typeof(PlanTasks.AcceptanceReturn), typeof(PlanTasks.LeaderInstruction), typeof(Reminders.OutboxMessage),
    ];

    /// <summary>
    /// Creates every collection outside any transaction. LiteDB 5.0.20 sometimes left a file that no longer opens
    /// ("page type must be collection page") when a collection was first created inside an explicit transaction, as the
    /// dialog-state group commit and the mediation/outbox transactions would do on a new file; the reliability tests that
    /// reopen a database hit it. A collection comes into being with its first document, so one is added and removed.
    /// </summary>
    private static void EnsureCollections(LiteDatabase db)
    {
        var existing = db.GetCollectionNames().ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var name in Collections)
        {
            if (existing.Contains(name)) continue;
            var collection = db.GetCollection(name);
            var placeholder = new BsonValue("\u0000create");
            collection.Upsert(new BsonDocument { ["_id"] = placeholder });
            collection.Delete(placeholder);
        }
    }

    private static void EnsureIndexes(LiteDatabase db)
    {
        foreach (var ensure in IndexMakers) ensure(db);
    }
}
