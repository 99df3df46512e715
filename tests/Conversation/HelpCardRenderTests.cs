using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.Conversation;

public class HelpCardRenderTests
{
    [Theory]
    [InlineData("帮助", "zh-CN")]
    [InlineData("help", "en-US")]
    public async Task Placeholders_in_angle_brackets_survive_web_chat_markdown(string command, string locale)
    {
        await using var host = new BotHost();
        var reply = (await host.SendAsync(Activities.Message(command, locale: locale))).Single();
        var card = reply.Card()!.Value;
        // The checker renders with Web Chat's markdown and reports any text that vanished (e.g. "<date>").
        Assert.Empty(CardChecker.Errors(card.GetRawText()));
        var text = reply.AllText();
        Assert.Contains("<\u2060date>", text);
        Assert.Contains("<\u2060no.>", text);
    }
}
