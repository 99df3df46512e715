using System.Buffers.Binary;
using System.Text;

namespace ChatBot.Storage.PlanTasks;

/// <summary>
/// A workspace's open (or done) tasks, by due date then id, as one compact binary value: what the store keeps in the
/// <see cref="PlanTaskStore.OpenSnapshots"/> (<see cref="PlanTaskStore.DoneSnapshots"/>) collection, written in the
/// same transaction as the tasks, so a cold start reads one document per workspace instead of one per task (LiteDB costs ~4 KB of allocations and several
/// microseconds per document read, which made the first reminder tick after a start take half a second).
/// Every property of <see cref="PlanTask"/> but its progress notes is carried (a null comes back as the initial value,
/// as from the database), so a decoded task equals the one read from the tasks collection except that its
/// <see cref="PlanTask.Notes"/> is empty; a test fails when a new property is not carried. The notes are left out
/// because they grow with every progress report while no list needs them (the details card reads the task itself),
/// and every write rewrites its workspace's snapshot.
/// Layout: format, count, the table of repeated strings (plan titles, sections, owners, departments, owner keys),
/// then the tasks in order, each with its own strings (title, identity, feedback) inline: a reader can stop after the
/// overdue ones without decoding the rest.
/// </summary>
internal static class TaskSnapshot
{
    public const byte Format = 3;
    private static readonly LiteDB.BsonMapper Mapper = ChatBotDatabase.CreateMapper();

    public static byte[] Encode(IReadOnlyList<PlanTask> byDueThenId)
    {
        var table = new Dictionary<string, int>(StringComparer.Ordinal);
        var shared = new List<string>();
        void Collect(string? s) { if (s is not null && table.TryAdd(s, shared.Count)) shared.Add(s); }
        foreach (var t in byDueThenId)
        {
            Collect(t.PlanTitle); Collect(t.Section); Collect(t.Department);
            foreach (var o in t.Owners ?? []) Collect(o);
            foreach (var k in t.OwnerUserKeys ?? []) Collect(k);
        }

        using var stream = new MemoryStream(64 + byDueThenId.Count * 64);
        using var w = new BinaryWriter(stream, Encoding.UTF8);
        w.Write(Format);
        w.Write7BitEncodedInt(byDueThenId.Count);
        w.Write7BitEncodedInt(shared.Count);
        foreach (var s in shared) w.Write(s);
        void Shared(string? s) => w.Write7BitEncodedInt(s is null ? 0 : table[s] + 1);
        foreach (var t in byDueThenId)
        {
            w.Write(t.Id);
            w.Write(t.DueDate.DayNumber);
            w.Write((byte)t.Status);
            w.Write(t.Progress);
            w.Write(t.PlanYear);
            Shared(t.PlanTitle); Shared(t.Section); Shared(t.Department);
            Inline(w, t.Title); Inline(w, t.IdentityKey); Inline(w, t.Feedback); Inline(w, t.CompletedBy);
            WriteTime(w, t.CreatedUtc); WriteTime(w, t.UpdatedUtc);
            w.Write(t.CompletedUtc is not null);
            if (t.CompletedUtc is { } completed) WriteTime(w, completed);
            WriteCount(w, t.Owners);
            foreach (var o in t.Owners ?? []) Shared(o);
            WriteCount(w, t.OwnerUserKeys);
            foreach (var k in t.OwnerUserKeys ?? []) Shared(k);
            // The supervision record (#24) as the database stores it: absent on a task that never had one.
            var supervision = t.HasSupervision ? LiteDB.BsonSerializer.Serialize(Mapper.ToDocument(t.Supervision)) : null;
            w.Write7BitEncodedInt(supervision is null ? 0 : supervision.Length + 1);
            if (supervision is not null) w.Write(supervision);
        }
        w.Flush();
        return stream.ToArray();
    }

    private static void Inline(BinaryWriter w, string? s)
    {
        w.Write(s is not null);
        if (s is not null) w.Write(s);
    }

    /// <summary>0 for a null list, else count + 1.</summary>
    private static void WriteCount<T>(BinaryWriter w, List<T>? list) => w.Write7BitEncodedInt(list is null ? 0 : list.Count + 1);

    // Stored as UTC ticks and read back with offset zero: exactly what the database's "O" string round trip gives.
    private static void WriteTime(BinaryWriter w, DateTimeOffset t) => w.Write(t.UtcTicks);

    /// <summary>
    /// Reads the tasks of a snapshot one at a time, in order, straight from the bytes. A task's title and identity stay
    /// in the bytes until they are read (<see cref="PlanTask.SetUtf8"/>): most decoded tasks are only counted and grouped.
    /// </summary>
    public sealed class Reader
    {
        private readonly byte[] _data;
        private readonly string _workspaceId;
        private readonly string[] _shared;
        private int _pos;

        public Reader(byte[] data, string workspaceId)
        {
            _data = data;
            _workspaceId = workspaceId;
            var format = data[_pos++];
            if (format != Format) throw new InvalidDataException($"Unknown open-task snapshot format {format}.");
            Count = ReadVarint(data, ref _pos);
            _shared = new string[ReadVarint(data, ref _pos)];
            for (var i = 0; i < _shared.Length; i++)
            {
                var length = ReadVarint(data, ref _pos);
                _shared[i] = Encoding.UTF8.GetString(data, _pos, length);
                _pos += length;
            }
        }

        public int Count { get; }

        /// <summary>
        /// The header of every task from the next one on, and where each starts, read straight from the bytes (no
        /// task or string is built); the position for <see cref="Next"/> stays where it was.
        /// </summary>
        public void ScanRest(Span<TaskHeader> headers, Span<int> offsets)
        {
            ReadOnlySpan<byte> d = _data;
            var pos = _pos;
            for (var i = 0; i < headers.Length; i++)
            {
                offsets[i] = pos;
                var id = BinaryPrimitives.ReadInt32LittleEndian(d[pos..]);
                var due = DateOnly.FromDayNumber(BinaryPrimitives.ReadInt32LittleEndian(d[(pos + 4)..]));
                var status = (PlanTaskStatus)d[pos + 8];
                pos += 4 + 4 + 1 + 4 + 4; // id, due, status, progress, plan year
                SkipVarint(d, ref pos); // plan title
                var section = SharedAt(ReadVarint(d, ref pos));
                SkipVarint(d, ref pos); // department
                for (var s = 0; s < 4; s++) SkipInline(d, ref pos); // title, identity, feedback, completed by
                pos += 8 + 8; // created, updated
                if (d[pos++] != 0) pos += 8; // completed
                for (var list = 0; list < 2; list++) // owners, owner keys
                    for (var n = ReadVarint(d, ref pos) - 1; n > 0; n--) SkipVarint(d, ref pos);
                var supervision = ReadVarint(d, ref pos) - 1;
                if (supervision > 0) pos += supervision;
                headers[i] = new TaskHeader(id, due, status, section ?? "");
            }
        }

        /// <summary>The task that starts at <paramref name="offset"/> (from <see cref="ScanRest"/>); the position for <see cref="Next"/> stays where it was.</summary>
        public PlanTask ReadAt(int offset)
        {
            var pos = offset;
            return Read(ref pos);
        }

        public PlanTask Next() => Read(ref _pos);

        private PlanTask Read(ref int pos)
        {
            ReadOnlySpan<byte> d = _data;
            var t = new PlanTask
            {
                WorkspaceId = _workspaceId,
                Id = BinaryPrimitives.ReadInt32LittleEndian(d[pos..]),
                DueDate = DateOnly.FromDayNumber(BinaryPrimitives.ReadInt32LittleEndian(d[(pos + 4)..])),
                Status = (PlanTaskStatus)d[pos + 8],
                Progress = BinaryPrimitives.ReadInt32LittleEndian(d[(pos + 9)..]),
                PlanYear = BinaryPrimitives.ReadInt32LittleEndian(d[(pos + 13)..]),
            };
            pos += 17;
            // The database does not store nulls, so a null comes back as the property's initial value: so here.
            if (SharedAt(ReadVarint(d, ref pos)) is { } planTitle) t.PlanTitle = planTitle;
            if (SharedAt(ReadVarint(d, ref pos)) is { } section) t.Section = section;
            if (SharedAt(ReadVarint(d, ref pos)) is { } department) t.Department = department;
            var title = InlineUtf8(d, ref pos);
            var identity = InlineUtf8(d, ref pos);
            t.SetUtf8(title, identity);
            t.Feedback = Inline(d, ref pos);
            t.CompletedBy = Inline(d, ref pos);
            t.CreatedUtc = Time(d, ref pos);
            t.UpdatedUtc = Time(d, ref pos);
            if (d[pos++] != 0) t.CompletedUtc = Time(d, ref pos);
            ReadSharedList(d, ref pos, t.Owners);
            var keys = ReadVarint(d, ref pos) - 1;
            if (keys > 0) // most tasks have none: their list is made only when read
            {
                var list = t.OwnerUserKeys;
                list.Capacity = keys;
                for (var i = 0; i < keys; i++) list.Add(SharedAt(ReadVarint(d, ref pos))!);
            }
            var supervision = ReadVarint(d, ref pos) - 1;
            if (supervision > 0)
            {
                var doc = LiteDB.BsonSerializer.Deserialize(d.Slice(pos, supervision).ToArray());
                t.Supervision = Mapper.ToObject<TaskSupervision>(doc);
                pos += supervision;
            }
            return t;
        }

        private void ReadSharedList(ReadOnlySpan<byte> d, ref int pos, List<string> list)
        {
            var n = ReadVarint(d, ref pos) - 1;
            if (n > 0) list.Capacity = n;
            for (var i = 0; i < n; i++) list.Add(SharedAt(ReadVarint(d, ref pos))!);
        }

        /// <summary>A present string's bytes (absent: empty, the initial value).</summary>
        private Utf8Text InlineUtf8(ReadOnlySpan<byte> d, ref int pos)
        {
            if (d[pos++] == 0) return default;
            var length = ReadVarint(d, ref pos);
            var text = new Utf8Text(_data, pos, length);
            pos += length;
            return text;
        }

        private string? Inline(ReadOnlySpan<byte> d, ref int pos)
        {
            if (d[pos++] == 0) return null;
            var length = ReadVarint(d, ref pos);
            var s = Encoding.UTF8.GetString(d.Slice(pos, length));
            pos += length;
            return s;
        }

        private static void SkipInline(ReadOnlySpan<byte> d, ref int pos)
        {
            if (d[pos++] == 0) return;
            var length = ReadVarint(d, ref pos);
            pos += length;
        }

        private static DateTimeOffset Time(ReadOnlySpan<byte> d, ref int pos)
        {
            var ticks = BinaryPrimitives.ReadInt64LittleEndian(d[pos..]);
            pos += 8;
            return new DateTimeOffset(ticks, TimeSpan.Zero);
        }

        private string? SharedAt(int i) => i == 0 ? null : _shared[i - 1];

        // BinaryWriter's 7-bit encoding: the low seven bits first, the high bit set on every byte but the last.
        private static int ReadVarint(ReadOnlySpan<byte> d, ref int pos)
        {
            int value = 0, shift = 0;
            byte b;
            do
            {
                b = d[pos++];
                value |= (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            return value;
        }

        private static void SkipVarint(ReadOnlySpan<byte> d, ref int pos)
        {
            while ((d[pos++] & 0x80) != 0) { }
        }
    }
}
