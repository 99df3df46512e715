using ChatBot.Storage.Engine;
using System.Security.Cryptography;
using System.Text;
using ChatBot.Bot.Channels.WeCom.Cards;
using LiteDB;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Channels.WeCom.Forms;

/// <summary>
/// Signed, expiring, single-use links to web forms: token = "{formId}.{expiry}.{HMAC-SHA256}" where the MAC covers
/// the form id, workspace, user, conversation, dialog state key, card hash and expiry. The key comes from
/// WeCom:FormSigningKey or, when not configured, is generated once and kept in the database.
/// </summary>
internal sealed class WeComFormTokens
{
    public const string Collection = ChatBot.Storage.ChatBotDatabase.WeComForms;
    private const string SettingsCollection = ChatBot.Storage.ChatBotDatabase.WeComSettings;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly DocumentDatabase _db;
    private readonly TimeProvider _clock;
    private readonly byte[] _key;

    public WeComFormTokens(DocumentDatabase db, TimeProvider clock, IOptions<WeComOptions> options)
    {
        _db = db;
        _clock = clock;
        _key = options.Value.FormSigningKey is { Length: >= 16 } configured
            ? Encoding.UTF8.GetBytes(configured)
            : StoredKey(db);
    }

    private DocumentCollection<WeComForm> Forms => _db.Collection<WeComForm>(Collection);

    /// <summary>Stores the form and returns its token.</summary>
    public string Issue(WeComForm form)
    {
        var now = _clock.GetUtcNow();
        form.Id = WeComCardActionStore.NewKey("f");
        form.CreatedUtc = now;
        form.ExpiresUtc = TruncateToSeconds(now + Lifetime);
        form.CardHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(form.CardJson)));
        Forms.Insert(form);
        return $"{form.Id}.{form.ExpiresUtc.ToUnixTimeSeconds()}.{Sign(form, form.ExpiresUtc.ToUnixTimeSeconds())}";
    }

    /// <summary>
    /// Removes forms expired for a day: until then an old link still gets "expired" rather than "unknown". Run by
    /// <see cref="WeComHousekeeping"/>.
    /// </summary>
    public int PruneExpired(DateTimeOffset nowUtc)
    {
        var expiredBefore = nowUtc - KeptAfterExpiry;
        return Forms.DeleteMany(f => f.ExpiresUtc < expiredBefore);
    }

    internal static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromDays(1);

    /// <summary>Checks a token without using it up (to show the page).</summary>
    public (WeComFormCheck Check, WeComForm? Form) Check(string? token) => Check(token, Forms.FindById);

    private (WeComFormCheck Check, WeComForm? Form) Check(string? token, Func<BsonValue, WeComForm?> find)
    {
        var parts = (token ?? "").Split('.');
        if (parts.Length != 3 || parts[0].Length is 0 or > 40 || !long.TryParse(parts[1], out var expiry))
            return (WeComFormCheck.Malformed, null);
        var form = find(parts[0]);
        if (form is null) return (WeComFormCheck.Forged, null);
        var expected = Encoding.ASCII.GetBytes(Sign(form, expiry));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[2]))
            || expiry != form.ExpiresUtc.ToUnixTimeSeconds())
            return (WeComFormCheck.Forged, null);
        if (form.UsedUtc is not null) return (WeComFormCheck.Used, form);
        if (_clock.GetUtcNow() >= form.ExpiresUtc) return (WeComFormCheck.Expired, form);
        return (WeComFormCheck.Valid, form);
    }

    /// <summary>
    /// Checks the token and marks the form used, atomically: of two concurrent submissions one wins, also when they
    /// reach two instances on one database (the form is read with a row lock in the transaction that marks it).
    /// </summary>
    public (WeComFormCheck Check, WeComForm? Form) Use(string? token) => _db.InTransaction(() =>
    {
        var (check, form) = Check(token, Forms.FindByIdForUpdate);
        if (check != WeComFormCheck.Valid) return (check, form);
        form!.UsedUtc = _clock.GetUtcNow();
        Forms.Update(form);
        return (check, form);
    });

    /// <summary>The value of the cookie that says "this browser signed in as the form's user" (bound to one form).</summary>
    public string IdentityProof(WeComForm form) => Mac($"identity\n{form.Id}\n{form.UserKey}");

    public bool IsIdentityProof(WeComForm form, string? proof) =>
        proof is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(IdentityProof(form)), Encoding.ASCII.GetBytes(proof));

    private string Mac(string payload) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(payload))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private string Sign(WeComForm form, long expiry)
    {
        var payload = string.Join('\n', "v1", form.Id, form.WorkspaceId, form.UserKey, form.ConversationId, form.StateKey, form.CardHash,
            expiry.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Mac(payload);
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset t) => DateTimeOffset.FromUnixTimeSeconds(t.ToUnixTimeSeconds());

    private static byte[] StoredKey(DocumentDatabase db)
    {
        var settings = db.Table(SettingsCollection);
        // The first instance to store a key wins; every other one (another process on PostgreSQL too) reads it.
        settings.TryInsert(new BsonDocument { ["_id"] = "form-signing-key", ["value"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
        return Convert.FromBase64String(settings.FindById("form-signing-key")!["value"].AsString);
    }
}
