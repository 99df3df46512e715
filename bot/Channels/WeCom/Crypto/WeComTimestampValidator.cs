using System.Globalization;

namespace ChatBot.Bot.Channels.WeCom.Crypto;

/// <summary>
/// Rejects callbacks whose signed timestamp is far from now, so a captured request cannot be replayed later.
/// </summary>
internal sealed class WeComTimestampValidator
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(5);

    private readonly TimeProvider _time;
    private readonly long _windowSeconds;

    public WeComTimestampValidator(TimeProvider time, TimeSpan? window = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        var effective = window ?? DefaultWindow;
        ArgumentOutOfRangeException.ThrowIfLessThan(effective, TimeSpan.Zero, nameof(window));
        _time = time;
        _windowSeconds = (long)effective.TotalSeconds;
    }

    /// <summary>True when <paramref name="timestamp"/> (Unix seconds) is within the window, before or after now.</summary>
    public bool IsFresh(string? timestamp)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        return Math.Abs(now - seconds) <= _windowSeconds;
    }

    /// <summary>
    /// Throws with the signature error code: the timestamp is part of what is signed, and a stale one makes the
    /// signed request unacceptable just as a wrong signature does.
    /// </summary>
    public void EnsureFresh(string? timestamp)
    {
        if (!IsFresh(timestamp))
        {
            throw new WeComCryptoException(WeComCryptoErrorCodes.ValidateSignatureError, "Timestamp outside the accepted window");
        }
    }
}
