namespace ChatBot.Bot.Channels.WeCom.Cards;

/// <summary>One message for WeCom: markdown, and optionally a template card that goes with it.</summary>
internal sealed record WeComOutgoing(string Markdown, WeComTemplateCard? Card = null);
