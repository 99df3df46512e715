using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using LiteDB;
using Microsoft.Win32.SafeHandles;

namespace ChatBot.Storage.Conversations;

/// <summary>
/// The append-only files in which dialog state is made durable before it reaches LiteDB. One file per generation,
/// beside the database: "chatbot.db" → "chatbot-state-000007.journal". An entry is
/// <c>[int32 length][uint32 CRC-32 of the payload][payload]</c>, payload <c>[1 = upsert | 2 = delete][BSON document]</c>
/// (for a delete the document holds only <c>_id</c>). A crash can leave a torn last entry; reading stops at the first
/// entry whose length or checksum is wrong, and everything before it was written whole.
/// </summary>
internal sealed class DialogStateJournal : IDisposable
{
    public const byte Upsert = 1, Delete = 2;
    private const int HeaderSize = 8;
    private const int MaxEntry = 16 * 1024 * 1024; // a dialog state is a few KB; anything larger is a torn length

    private readonly SafeFileHandle _file;
    public string Path { get; }
    public long Generation { get; }
    /// <summary>Bytes appended and synced so far.</summary>
    public long Length { get; private set; }
    /// <summary>Tests make an append fail after its bytes reached the file (as a failing fdatasync would).</summary>
    internal Action? AfterWriteForTests { get; set; }

    /// <summary>An append failed and the file could not be cut back: nothing more may be appended to it.</summary>
    public bool Broken { get; private set; }

    private DialogStateJournal(string path, long generation, SafeFileHandle file)
    {
        Path = path;
        Generation = generation;
        _file = file;
    }

    /// <summary>
    /// Creates the file of a new generation, filled with zeros up to its capacity and synced, and makes its name durable.
    /// Appends then overwrite zeros inside the file's size, so each fdatasync writes data blocks only; a growing file
    /// would also make the filesystem commit its metadata journal every time (about twice the CPU and wall time here).
    /// </summary>
    public static DialogStateJournal Create(string databaseFile, long generation, int capacity)
    {
        var path = PathOf(databaseFile, generation);
        var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete);
        try
        {
            var zeros = new byte[Math.Min(capacity, 1024 * 1024)];
            for (long written = 0; written < capacity; written += zeros.Length)
                RandomAccess.Write(file, zeros.AsSpan(0, (int)Math.Min(zeros.Length, capacity - written)), written);
            RandomAccess.FlushToDisk(file);
            SyncDirectory(System.IO.Path.GetDirectoryName(path)!);
        }
        catch
        {
            file.Dispose();
            File.Delete(path);
            throw;
        }
        return new DialogStateJournal(path, generation, file) { Capacity = capacity };
    }

    /// <summary>Bytes the file was created with; appends beyond it still work, but grow the file.</summary>
    public int Capacity { get; private init; }

    public static string PathOf(string databaseFile, long generation)
    {
        var full = System.IO.Path.GetFullPath(databaseFile);
        return System.IO.Path.Combine(System.IO.Path.GetDirectoryName(full)!,
            $"{System.IO.Path.GetFileNameWithoutExtension(full)}-state-{generation:D6}.journal");
    }

    /// <summary>The journal files of a database, oldest generation first.</summary>
    public static IReadOnlyList<(long Generation, string Path)> Existing(string databaseFile)
    {
        var full = System.IO.Path.GetFullPath(databaseFile);
        var dir = System.IO.Path.GetDirectoryName(full)!;
        var prefix = System.IO.Path.GetFileNameWithoutExtension(full) + "-state-";
        if (!Directory.Exists(dir)) return [];
        var found = new List<(long, string)>();
        foreach (var path in Directory.EnumerateFiles(dir, prefix + "*.journal"))
        {
            var middle = System.IO.Path.GetFileNameWithoutExtension(path)[prefix.Length..];
            if (long.TryParse(middle, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var generation))
                found.Add((generation, path));
        }
        return [.. found.OrderBy(f => f.Item1)];
    }

    /// <summary>One framed entry, ready to append (built on the caller's thread, so the writer only copies bytes).</summary>
    public static byte[] Entry(byte kind, BsonDocument document)
    {
        var bson = BsonSerializer.Serialize(document);
        var entry = new byte[HeaderSize + 1 + bson.Length];
        var payload = entry.AsSpan(HeaderSize);
        payload[0] = kind;
        bson.CopyTo(payload[1..]);
        BinaryPrimitives.WriteInt32LittleEndian(entry, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(4), Crc32.HashToUInt32(payload));
        return entry;
    }

    /// <summary>Appends the bytes and waits until they are on disk. On failure what was written is zeroed again, so a
    /// later append cannot leave part of a failed one readable behind it.</summary>
    public void AppendAndSync(ReadOnlySpan<byte> entries)
    {
        if (Broken) throw new IOException($"The dialog-state journal '{Path}' could not be repaired after a failed write.");
        try
        {
            RandomAccess.Write(_file, entries, Length);
            AfterWriteForTests?.Invoke();
            FlushData(_file);
        }
        catch
        {
            try
            {
                RandomAccess.Write(_file, new byte[entries.Length], Length);
                FlushData(_file);
            }
            catch (Exception) { Broken = true; }
            throw;
        }
        Length += entries.Length;
    }

    /// <summary>Reads the whole entries of a journal file, in order; stops at a torn or damaged entry.</summary>
    public static IEnumerable<(byte Kind, BsonDocument Document)> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var offset = 0;
        while (bytes.Length - offset >= HeaderSize)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset));
            if (length < 2 || length > MaxEntry || length > bytes.Length - offset - HeaderSize) yield break;
            var payload = bytes.AsMemory(offset + HeaderSize, length);
            if (Crc32.HashToUInt32(payload.Span) != BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4))) yield break;
            var kind = payload.Span[0];
            if (kind is not (Upsert or Delete)) yield break;
            BsonDocument document;
            try { document = BsonSerializer.Deserialize(payload[1..].ToArray()); }
            catch (Exception) { yield break; } // a checksum collision on garbage; treat as the torn end
            yield return (kind, document);
            offset += HeaderSize + length;
        }
    }

    /// <summary>Removes a journal file whose entries are all in LiteDB, and makes the removal durable (a file that came
    /// back after a crash would be replayed over newer state).</summary>
    public static void Remove(string path)
    {
        File.Delete(path);
        SyncDirectory(System.IO.Path.GetDirectoryName(path)!);
    }

    public void Dispose() => _file.Dispose();

    // fdatasync: the data and the file's size, not its timestamps (cheaper than fsync on an append).
    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static extern int FDataSync(int fd);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int FSync(int fd);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);

    private static void FlushData(SafeFileHandle file)
    {
        if (!OperatingSystem.IsLinux())
        {
            RandomAccess.FlushToDisk(file);
            return;
        }
        var added = false;
        try
        {
            file.DangerousAddRef(ref added);
            if (FDataSync((int)file.DangerousGetHandle()) != 0)
                throw new IOException($"fdatasync of the dialog-state journal failed (errno {Marshal.GetLastPInvokeError()}).");
        }
        finally
        {
            if (added) file.DangerousRelease();
        }
    }

    /// <summary>A new or removed file name is durable only once its directory is synced (Linux; elsewhere best effort).</summary>
    internal static void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux()) return;
        var fd = Open(directory, 0 /* O_RDONLY */);
        if (fd < 0) throw new IOException($"Could not open '{directory}' to sync it (errno {Marshal.GetLastPInvokeError()}).");
        try
        {
            if (FSync(fd) != 0) throw new IOException($"fsync of '{directory}' failed (errno {Marshal.GetLastPInvokeError()}).");
        }
        finally { Close(fd); }
    }
}
