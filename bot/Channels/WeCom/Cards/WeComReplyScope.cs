namespace ChatBot.Bot.Channels.WeCom.Cards;

/// <summary>The conversation and dialog a reply belongs to: needed to make buttons and form links that come back to it.</summary>
internal sealed record WeComReplyScope(WeComOrigin Origin, string WorkspaceId, string StateKey);
