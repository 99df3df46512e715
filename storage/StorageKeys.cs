using System.Security.Cryptography;
using System.Text;

namespace ChatBot.Storage;

/// <summary>
/// LiteDB refuses index keys over 1,023 bytes. Keys built from channel ids (conversation, user, msgid) are normally
/// short, but nothing in the protocols bounds them: a long one is shortened to a readable prefix plus its SHA-256,
/// which keeps it unique and stable.
/// </summary>
public static class StorageKeys
{
    private const int MaxBytes = 256;

    public static string Compact(string key)
    {
        if (Encoding.UTF8.GetByteCount(key) <= MaxBytes) return key;
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        var prefix = key.Length > 64 ? key[..64] : key;
        while (Encoding.UTF8.GetByteCount(prefix) > 128) prefix = prefix[..^1];
        return prefix + "#" + hash;
    }
}
