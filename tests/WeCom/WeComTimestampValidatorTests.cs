using ChatBot.Bot.Channels.WeCom;
using ChatBot.Bot.Channels.WeCom.Crypto;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.WeCom;

public class WeComTimestampValidatorTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Theory]
    [InlineData("1700000000", true)]
    [InlineData("1699999700", true)]  // exactly 5 minutes old
    [InlineData("1700000300", true)]  // exactly 5 minutes ahead (clock skew)
    [InlineData("1699999699", false)]
    [InlineData("1700000301", false)]
    [InlineData("-1", false)]
    [InlineData("17e8", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("99999999999999999999999", false)]
    public void Default_window_is_five_minutes_either_way(string? timestamp, bool fresh)
    {
        var validator = new WeComTimestampValidator(new FakeTimeProvider(Now));

        Assert.Equal(fresh, validator.IsFresh(timestamp));
    }

    [Fact]
    public void Window_is_configurable_and_follows_the_clock()
    {
        var clock = new FakeTimeProvider(Now);
        var validator = new WeComTimestampValidator(clock, TimeSpan.FromSeconds(30));

        Assert.True(validator.IsFresh("1700000000"));
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.False(validator.IsFresh("1700000000"));
    }

    [Fact]
    public void EnsureFresh_throws_the_crypto_exception()
    {
        var validator = new WeComTimestampValidator(new FakeTimeProvider(Now));

        validator.EnsureFresh("1700000000");
        var error = Assert.Throws<WeComCryptoException>(() => validator.EnsureFresh("1600000000"));
        Assert.Equal(WeComCryptoErrorCodes.ValidateSignatureError, error.ErrorCode);
    }
}
