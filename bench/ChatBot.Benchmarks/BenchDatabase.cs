using ChatBot.Storage;
using LiteDB;

namespace ChatBot.Benchmarks;

/// <summary>A database of the bot's own format in a fresh folder under the temp directory; disposing deletes the folder.</summary>
internal sealed class BenchDatabase : IDisposable
{
    private readonly string _folder = NewFolder();

    public BenchDatabase(string fileName) => Db = ChatBotDatabase.Open(Path.Combine(_folder, fileName));

    public LiteDatabase Db { get; }

    /// <summary>A new folder path under the temp directory for one benchmark run's files.</summary>
    public static string NewFolder() => Path.Combine(Path.GetTempPath(), "chatbot-bench", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Db.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
