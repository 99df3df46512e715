using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;
using ChatBot.Storage.Conversations;

namespace ChatBot.Bot.Features.Help;

/// <summary>
/// 我叫 张三 / my name is …, or the welcome card's name field: the name shown on sign-in lists, mediation and task
/// records for a user the channel sends no name for (Web Chat). An interrupt: a dialog in progress goes on.
/// </summary>
internal sealed class SetNameCommand(WorkspaceStore workspaces) : IBotCommand, IInterruptCommand
{
    private const int MaxLength = 20;

    public IReadOnlyList<string> Aliases => ["我叫", "称呼我", "my name is", "call me"];
    public IReadOnlyList<string> Verbs => [WelcomeCard.NameVerb];
    public IEnumerable<CommandHelp> Help => [new("通用", "General", "我叫 姓名", "my name is …", "设置签到名单等处显示的称呼", "Set the name shown on sign-in lists and records", 2)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        var name = (args.TextOr(WelcomeCard.NameInputId) ?? "").Trim().Trim('“', '”', '"', '。', '.', '!', '!');
        if (name.Length == 0 || name.Length > MaxLength || name.Any(char.IsControl))
        {
            await ctx.SendTextAsync(ctx.T($"请写上您的称呼(最多 {MaxLength} 个字),例如“我叫 王小明”。", $"Please give your name (at most {MaxLength} characters), e.g. \"my name is Wang Xiaoming\"."));
            return;
        }
        if (TurnContext.ChannelName(ctx.Activity.From) is { } fromChannel && fromChannel != name)
        {
            await ctx.SendTextAsync(ctx.T($"这个聊天里您的姓名由平台提供(“{fromChannel}”),无需另行设置。", $"This chat already gives your name (\"{fromChannel}\"); nothing to set."));
            return;
        }
        workspaces.SetMemberName(ctx.Workspace.Id, ctx.UserKey, name, ctx.Now);
        ctx.UserName = name;
        // The welcome card's name field: the card shows the name instead, its three buttons stay.
        if (ctx.CardId is not null) await ctx.CloseClickedCardAsync(WelcomeCard.Build(ctx.Lang, askName: false, name));
        await ctx.SendTextAsync(ctx.T($"好的,{name},以后签到名单和记录里都会显示这个称呼。", $"Thanks, {name}: sign-in lists and records will show this name."));
    }
}
