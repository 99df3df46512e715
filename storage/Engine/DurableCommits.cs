using System.Reflection;
using LiteDB.Engine;
using Microsoft.Win32.SafeHandles;

namespace ChatBot.Storage.Engine;

/// <summary>
/// Makes a LiteDB commit durable before the caller goes on. LiteDB 5.0.20's Commit only queues the transaction's log
/// pages for a background writer task, which writes them and fsyncs later: a commit that has returned can still be lost
/// to a SIGKILL (pages not yet written) or a power cut (not yet fsynced). <see cref="Wait"/> blocks until that writer
/// has drained its queue (so the committed pages are in the operating system) and then until one fsync of the log file
/// that started after that has finished. Callers that arrive while an fsync is running share the next one, so many
/// commits cost one flush (group fsync).
/// Reaches LiteDB internals by reflection (pinned to 5.0.x; a test fails if they move).
/// </summary>
internal sealed class DurableCommits : IDisposable
{
    private static readonly FieldInfo DiskField = Field(typeof(LiteEngine), "_disk");
    private static readonly Type DiskServiceType = DiskField.FieldType;
    private static readonly PropertyInfo QueueProperty = DiskServiceType.GetProperty("Queue", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
        ?? throw Moved("DiskService.Queue");
    private static readonly Type QueueType = QueueProperty.PropertyType.GetGenericArguments()[0];
    private static readonly FieldInfo QueueIsEmptyField = Field(QueueType, "_queueIsEmpty");
    private static readonly FieldInfo QueueExceptionField = Field(QueueType, "_exception");
    private static readonly FieldInfo QueueStreamField = Field(QueueType, "_stream");

    private readonly object _lazyQueue; // the engine's Lazy<DiskWriterQueue>, created with its first log write
    private readonly PropertyInfo _queueValue;
    private readonly object _queueObject;
    private readonly object _fsyncGate = new();
    private readonly SafeFileHandle _log;
    private long _requested; // tickets handed out: a ticket is taken once the caller's pages are written
    private long _synced;    // every ticket up to this one is covered by a finished fsync
    private bool _disposed;

    public DurableCommits(LiteEngine engine, string dataFile)
    {
        DataFile = Path.GetFullPath(dataFile);
        var disk = DiskField.GetValue(engine) ?? throw Moved("LiteEngine._disk is null");
        _lazyQueue = QueueProperty.GetValue(disk) ?? throw Moved("DiskService.Queue is null");
        _queueValue = _lazyQueue.GetType().GetProperty(nameof(Lazy<object>.Value))!;
        // The log writer fsyncs after every drain of its queue, and Wait fsyncs once more for the commits waiting: give
        // the writer a stream whose flush only hands the bytes to the OS, so each commit costs one fsync, ours.
        _queueObject = _queueValue.GetValue(_lazyQueue)!;
        QueueStreamField.SetValue(_queueObject, new OsOnlyFlushStream((Stream)QueueStreamField.GetValue(_queueObject)!));
        // Opened now, while the log file certainly exists (the writer above created it): LiteDB deletes it when it
        // closes, and a write finishing just then still fsyncs harmlessly through this handle.
        _log = File.OpenHandle(LogFileOf(dataFile), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
    }

    /// <summary>The database file, full path.</summary>
    public string DataFile { get; }

    /// <summary>LiteDB's log file beside the data file: "chatbot.db" → "chatbot-log.db".</summary>
    public static string LogFileOf(string dataFile) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dataFile))!, Path.GetFileNameWithoutExtension(dataFile) + "-log" + Path.GetExtension(dataFile));

    /// <summary>Checks that the LiteDB internals this relies on are where they were (throws when they moved).</summary>
    public static void EnsureBindable() => _ = QueueStreamField;

    /// <summary>Returns once everything committed before the call is written and fsynced.</summary>
    public void Wait()
    {
        var empty = (ManualResetEventSlim)QueueIsEmptyField.GetValue(_queueObject)!;
        // Set only when the writer has found its queue empty after our pages were queued: they are written.
        while (!empty.Wait(TimeSpan.FromMilliseconds(200)))
            if (QueueExceptionField.GetValue(_queueObject) is Exception failed)
                throw new IOException("LiteDB's log writer failed; the commit may not be on disk.", failed);
        var ticket = Interlocked.Increment(ref _requested);
        lock (_fsyncGate)
        {
            if (Volatile.Read(ref _synced) >= ticket) return; // an fsync that started after our write covered it
            var upTo = Volatile.Read(ref _requested);
            if (_disposed) return;
            RandomAccess.FlushToDisk(_log);
            Volatile.Write(ref _synced, upTo);
        }
    }

    public void Dispose()
    {
        lock (_fsyncGate)
        {
            _disposed = true;
            _log.Dispose();
        }
    }

    /// <summary>The log writer's stream, with Flush handing bytes to the OS and leaving the fsync to <see cref="Wait"/>.</summary>
    private sealed class OsOnlyFlushStream(Stream file) : Stream
    {
        public override void Write(byte[] buffer, int offset, int count)
        {
            file.Write(buffer, offset, count);
            file.Flush(); // to the OS now (a no-op for LiteDB's page-sized writes, which bypass the FileStream buffer)
        }
        public override void Flush() => file.Flush();
        public override bool CanRead => file.CanRead;
        public override bool CanSeek => file.CanSeek;
        public override bool CanWrite => file.CanWrite;
        public override long Length => file.Length;
        public override long Position { get => file.Position; set => file.Position = value; }
        public override int Read(byte[] buffer, int offset, int count) => file.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => file.Seek(offset, origin);
        public override void SetLength(long value) => file.SetLength(value);
        // LiteDB disposes the file stream itself (its stream pool); this wrapper owns nothing.
        protected override void Dispose(bool disposing) { }
    }

    private static FieldInfo Field(Type type, string name) =>
        type.GetField(name, BindingFlags.Instance | BindingFlags.NonPublic) ?? throw Moved($"{type.Name}.{name}");

    private static InvalidOperationException Moved(string what) =>
        new($"LiteDB internals changed ({what} not found): DurableCommits is written for LiteDB 5.0.20.");
}
