using System.Security.Cryptography;
using ChatBot.Storage.Engine;
using LiteDB;

namespace ChatBot.Storage.Downloads;

/// <summary>
/// The files and charts the bot offers by link (GET /files/{token}, /charts/{token}.png), in the database rather than
/// in memory: a link works after a restart and on every instance behind a load balancer, until it expires.
/// </summary>
public sealed class LinkStore(DocumentDatabase db) : IOwnsCollections
{
    public const string Files = "download_files";
    public const string Charts = "chart_links";
    public static IReadOnlyList<string> Collections => [Files, Charts];

    public static void EnsureIndexes(LiteDatabase db)
    {
        db.GetCollection<StoredFile>(Files).EnsureIndex(f => f.ExpiresUtc);
        db.GetCollection<StoredChart>(Charts).EnsureIndex(c => c.Key);
        db.GetCollection<StoredChart>(Charts).EnsureIndex(c => c.ExpiresUtc);
    }

    private DocumentCollection<StoredFile> FileCollection => db.Collection<StoredFile>(Files);
    private DocumentCollection<StoredChart> ChartCollection => db.Collection<StoredChart>(Charts);

    /// <summary>A new unguessable token: 32 random bytes, URL-safe.</summary>
    public static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public string AddFile(string workspaceId, string fileName, string contentType, byte[] content, DateTimeOffset expiresUtc)
    {
        var token = NewToken();
        FileCollection.Insert(new StoredFile { Token = token, WorkspaceId = workspaceId, FileName = fileName, ContentType = contentType, Content = content, ExpiresUtc = expiresUtc });
        return token;
    }

    /// <summary>The file behind a token, if it exists and has not expired.</summary>
    public StoredFile? File(string token, DateTimeOffset now) =>
        token.Length is > 0 and <= 100 && FileCollection.FindById(token) is { } f && f.ExpiresUtc > now ? f : null;

    /// <summary>The live link of a chart with this key that has at least <paramref name="minLeft"/> to run, if any.</summary>
    public StoredChart? LiveChart(string key, DateTimeOffset now, TimeSpan minLeft) =>
        ChartCollection.Find(c => c.Key == key).Where(c => c.ExpiresUtc - now > minLeft).OrderByDescending(c => c.ExpiresUtc).FirstOrDefault();

    public string AddChart(string key, string model, DateTimeOffset expiresUtc)
    {
        var token = NewToken();
        ChartCollection.Insert(new StoredChart { Token = token, Key = key, Model = model, ExpiresUtc = expiresUtc });
        return token;
    }

    public StoredChart? Chart(string token) => token.Length is > 0 and <= 100 ? ChartCollection.FindById(token) : null;

    /// <summary>Forgets the links that expired before <paramref name="now"/>; returns how many.</summary>
    public int PruneExpired(DateTimeOffset now) =>
        FileCollection.DeleteMany(f => f.ExpiresUtc < now) + ChartCollection.DeleteMany(c => c.ExpiresUtc < now);
}
