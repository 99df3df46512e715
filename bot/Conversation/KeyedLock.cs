namespace ChatBot.Bot.Conversation;

/// <summary>
/// Serialises turns of the same user in the same conversation (a double click must not run twice at once). With
/// several instances on one PostgreSQL database (<paramref name="instances"/>), a turn also holds the key on the
/// database, so two activities of one conversation that reach two instances run one after the other.
/// </summary>
internal sealed class KeyedLock(ChatBot.Storage.Postgres.PostgresAdvisoryLocks? instances = null)
{
    private readonly Dictionary<string, (SemaphoreSlim Gate, int Users)> _gates = new();

    public async Task<IDisposable> AcquireAsync(string key, CancellationToken ct)
    {
        var local = await AcquireLocalAsync(key, ct);
        if (instances is null) return local;
        try
        {
            var shared = await instances.AcquireAsync(key, ct);
            return new Releaser(() =>
            {
                try { shared.DisposeAsync().AsTask().GetAwaiter().GetResult(); }
                finally { local.Dispose(); }
            });
        }
        catch
        {
            local.Dispose();
            throw;
        }
    }

    private async Task<IDisposable> AcquireLocalAsync(string key, CancellationToken ct)
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
        return new Releaser(() => Release(key, gate, entered: true));
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

    private sealed class Releaser(Action release) : IDisposable
    {
        private int _done;
        public void Dispose() { if (Interlocked.Exchange(ref _done, 1) == 0) release(); }
    }
}
