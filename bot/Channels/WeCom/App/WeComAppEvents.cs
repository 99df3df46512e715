namespace ChatBot.Bot.Channels.WeCom.App;

internal static class WeComAppEvents
{
    public const string TemplateCardEvent = "template_card_event";
    public const string TemplateCardMenuEvent = "template_card_menu_event";
    public const string EnterAgent = "enter_agent";
}
