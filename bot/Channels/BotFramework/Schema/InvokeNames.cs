namespace ChatBot.Bot.Channels.BotFramework.Schema;

/// <summary>Names of invoke activities the bot answers.</summary>
public static class InvokeNames
{
    /// <summary>A Universal Action (Action.Execute) from a Teams card.</summary>
    public const string AdaptiveCardAction = "adaptiveCard/action";
}
