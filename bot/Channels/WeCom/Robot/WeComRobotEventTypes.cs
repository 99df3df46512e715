namespace ChatBot.Bot.Channels.WeCom.Robot;

internal static class WeComRobotEventTypes
{
    /// <summary>A user opens the single chat with the robot for the first time that day.</summary>
    public const string EnterChat = "enter_chat";

    public const string TemplateCardEvent = "template_card_event";
    public const string FeedbackEvent = "feedback_event";
}
