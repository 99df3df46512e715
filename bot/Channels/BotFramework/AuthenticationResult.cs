namespace ChatBot.Bot.Channels.BotFramework;

internal sealed record AuthenticationResult(bool Succeeded, string? Error = null)
{
    public static readonly AuthenticationResult Ok = new(true);
    public static AuthenticationResult Fail(string error) => new(false, error);
}
