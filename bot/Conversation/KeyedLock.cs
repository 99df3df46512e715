namespace ChatBot.Bot.Conversation;

/// <summary>
/// Serialises turns of the same user in the same conversation (a double click must not run twice at once). With
/// several instances on one PostgreSQL database (<paramref name="instances"/>), a turn also holds the key on the
/// database, so two activities of one conversation that reach two instances run one after the other.
/// </summary>
internal sealed class KeyedLock(ChatBot.Storage.Postgres.PostgresAdvisoryLocks? instances = null)
{
    private readonly Dictionary<string, (SemaphoreSlim Gate, int Users)> _gates = new();

    /// <summary>Holds the key until the result is disposed (released asynchronously: on PostgreSQL that is a round trip).</summary>
    public async Task<IAsyncDisposable> AcquireAsync(string key, CancellationToken ct)
    {
        var local = await AcquireLocalAsync(key, ct);
        if (instances is null) return local;
        try
        {
            var shared = await instances.AcquireAsync(key, ct);
            return new Releaser(async () =>
            {
                try { await shared.DisposeAsync(); }
                finally { await local.DisposeAsync(); }
            });
        }
        catch
        {
            await local.DisposeAsync();
            throw;
        }
    }

    private async Task<IAsyncDisposable> AcquireLocalAsync(string key, CancellationToken ct)
    {
        SemaphoreSlim gate;
        lock (_gates)
        {
            var entry = _gates.TryGetValue(key, out var e) ? e : (new SemaphoreSlim(1, 1), 0);
            _gates[key] = (entry.Item1, entry.Item2 + 1);
            gate = entry.Item1;
        }
        try { await gate.WaitAsync(ct); }
        catch { Release(key, gate, entered: false); throw; }
        return new Releaser(() =>
        {
            Release(key, gate, entered: true);
            return ValueTask.CompletedTask;
        });
    }

    private void Release(string key, SemaphoreSlim gate, bool entered)
    {
        if (entered) gate.Release();
        lock (_gates)
        {
            var (g, users) = _gates[key];
            if (users <= 1) _gates.Remove(key); else _gates[key] = (g, users - 1);
        }
    }

    private sealed class Releaser(Func<ValueTask> release) : IAsyncDisposable
    {
        private int _done;
        public ValueTask DisposeAsync() => Interlocked.Exchange(ref _done, 1) == 0 ? release() : ValueTask.CompletedTask;
    }
}
