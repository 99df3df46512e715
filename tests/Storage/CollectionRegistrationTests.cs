using System.Reflection;
using System.Text.RegularExpressions;
using ChatBot.Storage;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.Storage;

/// <summary>
/// Every collection the code opens is created when the database file is opened (LiteDB 5 can leave a file that no
/// longer opens when a collection is first created inside a transaction). The list is gathered from the
/// <see cref="IOwnsCollections"/> implementations; these tests find every GetCollection call in the source and check
/// the name it uses is owned, so a new store that forgets to declare its collection fails here, not in production.
/// </summary>
public partial class CollectionRegistrationTests
{
    // Calls whose name is not a constant: they go over every collection there is, or take a name a caller gave them.
    private static readonly HashSet<(string File, string Argument)> NotAConstant =
    [
        ("ChatBotDatabase.cs", "name"),     // creating every owned collection
        ("BackupVerifier.cs", "name"),      // every collection in a backup
        ("DatabaseBackup.cs", "name"),      // every collection, to count them
        ("TaskListView.cs", "Collection"),  // PlanTaskStore.OpenSnapshots or DoneSnapshots, given to its constructor
        ("SchemaMigrator.cs", "n"),         // every collection, to see whether a new database is empty
        ("DocumentDatabase.cs", "name"),    // the provider-neutral lookup the stores call
        ("LiteDocumentDatabase.cs", "Name"), // a table's own collection
        ("LiteDocumentDatabase.cs", "collection"), // an index on a store's collection
    ];

    [GeneratedRegex(@"\.(?:GetCollection|Collection|Table)(?:<[^>()]*>)?\(\s*([A-Za-z_][\w.]*)\s*\)")]
    private static partial Regex GetCollectionCall();

    private static readonly Assembly[] Code = [typeof(ChatBotDatabase).Assembly, typeof(ChatBot.Bot.Conversation.TurnRunner).Assembly];

    /// <summary>(file, argument, the constant's value or null) for every GetCollection call in storage/ and bot/.</summary>
    private static List<(string File, string Argument, string? Name)> Calls()
    {
        var calls = new List<(string, string, string?)>();
        foreach (var project in new[] { "storage", "bot" })
        {
            var root = Path.Combine(Teams.TeamsTestPaths.RepoRoot, project);
            foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, file);
                if (relative.StartsWith("obj" + Path.DirectorySeparatorChar) || relative.StartsWith("bin" + Path.DirectorySeparatorChar)) continue;
                foreach (Match m in GetCollectionCall().Matches(File.ReadAllText(file)))
                {
                    var argument = m.Groups[1].Value;
                    if (argument.StartsWith('"')) continue;
                    calls.Add((Path.GetFileName(file), argument, Resolve(Path.GetFileNameWithoutExtension(file), argument)));
                }
            }
        }
        return calls;
    }

    /// <summary>"Type.Const" or "Namespace.Type.Const" by that type; a bare "Const" by the type the file is named after.</summary>
    private static string? Resolve(string fileType, string argument)
    {
        var parts = argument.Split('.');
        var typeName = parts.Length > 1 ? parts[^2] : fileType;
        var field = Code.SelectMany(a => a.GetTypes()).Where(t => t.Name == typeName)
            .Select(t => t.GetField(parts[^1], BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .FirstOrDefault(f => f is { IsLiteral: true } && f.FieldType == typeof(string));
        return (string?)field?.GetRawConstantValue();
    }

    [Fact]
    public void Every_collection_the_code_opens_is_created_when_the_file_is_opened()
    {
        var calls = Calls();
        // The scan itself works: it finds the stores of every feature and the channel's.
        Assert.Contains(calls, c => c.Name == "mediation_cases");
        Assert.Contains(calls, c => c.Name == "plan_task_meta");
        Assert.Contains(calls, c => c.Name == "wecom_settings");

        var unresolved = calls.Where(c => c.Name is null && !NotAConstant.Contains((c.File, c.Argument))).ToList();
        Assert.True(unresolved.Count == 0, "GetCollection with a name that is not a string constant: " + string.Join(", ", unresolved));
        var missing = calls.Where(c => c.Name is { } n && !ChatBotDatabase.Collections.Contains(n)).ToList();
        Assert.True(missing.Count == 0, "Collections no IOwnsCollections declares: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_collection_has_a_table_in_the_PostgreSQL_schema()
    {
        using var db = StorageProviders.Open("postgres");
        var tables = db.CollectionNames();
        var missing = ChatBotDatabase.Collections.Where(c => !tables.Contains(c)).ToList();
        Assert.True(missing.Count == 0, "Collections with no table in storage/Postgres/Schema: " + string.Join(", ", missing));
    }

    [Fact]
    public void Each_collection_has_one_owner()
    {
        Assert.Equal(ChatBotDatabase.Collections.Count, ChatBotDatabase.Collections.Distinct().Count());
        Assert.Contains(typeof(ChatBot.Storage.Mediation.MediationStore), ChatBotDatabase.CollectionOwners);
        Assert.Contains(typeof(ChatBot.Storage.Reminders.OutboxStore), ChatBotDatabase.CollectionOwners);
    }
}
