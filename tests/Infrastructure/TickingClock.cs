using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Infrastructure;

/// <summary>
/// A fake clock that moves on by a fraction of a millisecond every time it is read, like a real one: code that reads
/// the clock twice in one operation and compares the readings fails with it, as it does outside the frozen test clock.
/// </summary>
public sealed class TickingClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    [ThreadStatic] private static bool _inside;

    public override DateTimeOffset GetUtcNow()
    {
        if (_inside) return base.GetUtcNow();
        _inside = true;
        try { Advance(TimeSpan.FromTicks(3_217)); } // 0.32 ms; Advance may run due timers, which read the clock
        finally { _inside = false; }
        return base.GetUtcNow();
    }
}
