using ChatBot.Bot.Channels.WeCom;

namespace ChatBot.Tests.WeCom;

public class WeComTextTests
{
    [Fact]
    public void Text_within_the_limit_is_unchanged()
    {
        var exactly = new string('a', 4096);

        Assert.Same(exactly, WeComText.TruncateUtf8(exactly, 4096));
        Assert.Equal("好", WeComText.TruncateUtf8("好", 3));
    }

    [Fact]
    public void Ascii_is_cut_with_an_ellipsis_inside_the_limit()
    {
        var cut = WeComText.TruncateUtf8(new string('a', 5000), 4096);

        Assert.Equal(4096, WeComText.Utf8Length(cut));
        Assert.Equal(new string('a', 4093) + "…", cut);
    }

    [Fact]
    public void Chinese_is_cut_between_characters()
    {
        // 3 bytes a character: 1364 characters fit in 4093 bytes with room for the 3-byte ellipsis
        var cut = WeComText.TruncateUtf8(new string('政', 2000), 4096);

        Assert.Equal(new string('政', 1364) + "…", cut);
        Assert.True(WeComText.Utf8Length(cut) <= 4096);
    }

    [Fact]
    public void Emoji_and_combined_characters_are_not_split()
    {
        const string family = "👨‍👩‍👧"; // 18 bytes, one grapheme
        var text = "ab" + family + "cdef"; // 24 bytes

        var cut = WeComText.TruncateUtf8(text, 12);

        Assert.Equal("ab…", cut);
        Assert.Equal("ab" + family + "…", WeComText.TruncateUtf8(text, 23));
    }

    [Fact]
    public void Trailing_whitespace_before_the_ellipsis_is_dropped()
    {
        Assert.Equal("abc…", WeComText.TruncateUtf8("abc      defghijkl", 9));
    }
}
