namespace ChatBot.Bot.Channels.WeCom.Robot;

internal static class WeComChatTypes
{
    public const string Single = "single";
    public const string Group = "group";
}
