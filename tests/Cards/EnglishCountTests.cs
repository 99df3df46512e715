using ChatBot.Cards;

namespace ChatBot.Tests.Cards;

public class EnglishCountTests
{
    [Theory]
    [InlineData(0, "task", null, "0 tasks")]
    [InlineData(1, "task", null, "1 task")]
    [InlineData(2, "task", null, "2 tasks")]
    [InlineData(1, "person", "people", "1 person")]
    [InlineData(3, "person", "people", "3 people")]
    [InlineData(1200, "case", null, "1,200 cases")]
    public void Counts_take_the_plural_except_for_one(int n, string singular, string? plural, string expected) =>
        Assert.Equal(expected, English.Count(n, singular, plural));
}
