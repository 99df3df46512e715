namespace ChatBot.Tests;

public class SmokeTests
{
    [Fact]
    public void Card_model_serializes_type_discriminators()
    {
        var card = new ChatBot.Cards.AdaptiveCards.AdaptiveCard().Add(new ChatBot.Cards.AdaptiveCards.TextBlock("hi"));
        Assert.Contains("\"type\":\"TextBlock\"", card.ToJson());
    }
}
