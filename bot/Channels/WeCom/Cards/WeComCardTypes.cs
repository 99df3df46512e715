namespace ChatBot.Bot.Channels.WeCom.Cards;

internal static class WeComCardTypes
{
    public const string TextNotice = "text_notice";
    public const string NewsNotice = "news_notice";
    public const string ButtonInteraction = "button_interaction";
    public const string VoteInteraction = "vote_interaction";
    public const string MultipleInteraction = "multiple_interaction";
}
