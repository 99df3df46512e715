using ChatBot.Bot.Channels.WeCom.Cards;
using ChatBot.Bot.Conversation;

namespace ChatBot.Bot.Channels.WeCom;

/// <summary>The WeCom messages a turn produced, and the workspace it acted on.</summary>
internal sealed record WeComTurnResult(TurnContext Context, IReadOnlyList<WeComOutgoing> Messages)
{
    public IEnumerable<string> MarkdownTexts => Messages.Select(m => m.Markdown).Where(m => m.Length > 0);
}
