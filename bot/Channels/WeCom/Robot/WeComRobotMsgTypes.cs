namespace ChatBot.Bot.Channels.WeCom.Robot;

internal static class WeComRobotMsgTypes
{
    public const string Text = "text";
    public const string Image = "image";
    public const string Mixed = "mixed";
    public const string Voice = "voice";
    public const string File = "file";
    public const string Video = "video";

    /// <summary>WeCom asking for the next chunk of an unfinished stream reply.</summary>
    public const string Stream = "stream";

    public const string Event = "event";
}
