using System.Net;
using ChatBot.Bot.Channels.WeCom;
using ChatBot.Bot.Channels.WeCom.Forms;

namespace ChatBot.Tests.WeCom;

/// <summary>WeCom follows the bot's one language rule (cards/Lang.cs): a locale that is not Chinese is English.</summary>
public class WeComLanguageTests
{
    [Theory]
    [InlineData("fr-FR", "<html lang=\"en\">")]
    [InlineData("en-US", "<html lang=\"en\">")]
    [InlineData("zh-CN", "<html lang=\"zh-CN\">")]
    [InlineData("zh-TW", "<html lang=\"zh-CN\">")]
    public async Task The_form_page_speaks_the_language_of_the_conversation_it_came_from(string locale, string html)
    {
        using var h = new WeComChannelHarness();
        var token = h.Host.Service<WeComFormTokens>().Issue(new WeComForm
        {
            WorkspaceId = "w-1", UserKey = "wecom:zhangsan", ConversationId = WeComChannelHarness.ChatId, StateKey = "s",
            CardJson = """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Input.Text","id":"name"}],"actions":[{"type":"Action.Submit","title":"OK"}]}""",
            Origin = new WeComOrigin { ConversationId = WeComChannelHarness.ChatId, UserId = "zhangsan", Locale = locale, BaseUrl = WeComChannelHarness.PublicBaseUrl },
        });

        var page = await h.Client.GetAsync("/forms/" + token);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(html, await page.Content.ReadAsStringAsync());
    }
}
