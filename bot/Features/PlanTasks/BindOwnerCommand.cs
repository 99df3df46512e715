using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Features.Workspaces;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Cards.Help;
using ChatBot.Cards.PlanTasks;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.PlanTasks;

namespace ChatBot.Bot.Features.PlanTasks;

/// <summary>
/// 绑定 王书记 @王建华 / bind NAME @someone (#24): an admin maps an owner name of the plan (often a title) to a person of
/// the workspace, so reminders, 催办 and 签收 @mention that person. 绑定 alone shows the owner names nobody can be
/// @mentioned for, with a member picker (in Teams the people picker).
/// </summary>
internal sealed class BindOwnerCommand(PlanTaskStore tasks, OwnerBindingStore bindings, WorkspaceStore workspaces, AdminPeople people) : IBotCommand
{
    private const int MaxOwnerName = 50;

    public IReadOnlyList<string> Aliases => ["绑定", "绑定责任人", "bind owner", "bind"];
    public IReadOnlyList<string> Verbs => [OwnerBindingCards.BindVerb];
    public IEnumerable<CommandHelp> Help =>
        [new("工作计划督办", "Plan tasks", "绑定 责任人 @某人", "bind NAME @someone", "把责任人名称(如“王书记”)对应到群成员,提醒时@本人", "Map an owner name (e.g. a title) to a member, so reminders @mention them", 43)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        var ws = ctx.Workspace;
        if (!ws.IsAdmin(ctx.UserKey))
        {
            await ctx.SendTextAsync(ctx.T("只有管理员(督查办)可以绑定责任人。", "Only admins (the supervision office) can bind owners."));
            return;
        }
        var fromCard = args.Field(OwnerBindingCards.OwnerField) is not null;
        var owner = (fromCard ? args.Field(OwnerBindingCards.OwnerField)! : FirstWord(args.Text)).Trim();
        if (owner.Length == 0)
        {
            await ShowUnboundAsync(ctx);
            return;
        }
        if (owner.Length > MaxOwnerName)
        {
            await ctx.SendTextAsync(ctx.T($"责任人名称最多 {MaxOwnerName} 个字。", $"An owner name can have at most {MaxOwnerName} characters."));
            return;
        }
        var (person, problem) = fromCard ? Picked(ctx, args.Field(OwnerBindingCards.PersonField) ?? "", owner) : Typed(ctx, args, owner);
        if (person is null)
        {
            await ctx.SendTextAsync(problem!);
            return;
        }
        var binding = bindings.Bind(ws.Id, owner, person.UserKey, person.Name, TaskArgs.ActorOf(ctx), ctx.Now);
        var count = tasks.Open(ws.Id).Count(t => t.Owners.Contains(owner)) + tasks.AwaitingAcceptance(ws.Id).Count(t => t.Owners.Contains(owner));
        var mentions = Mentions.ForKeys(ws, [(binding.UserKey, person.Name)]);
        var who = mentions.TextFor(person.Name);
        var text = ctx.T($"已将责任人“{owner}”绑定到 {who}(未办结任务 {count} 项):今后提醒、催办和签收都会@本人。",
            $"Owner \"{owner}\" is now bound to {who} ({count} open task(s)): reminders, chases and sign-off requests will @mention them.");
        if (fromCard)
            await ctx.CloseClickedCardAsync(new AdaptiveCard().Add(TextBlock.Heading(ctx.T("绑定责任人", "Bind owners")),
                new FactSet().Add(owner, "→ " + person.Name)));
        await ctx.SendActivityAsync(new Activity { Type = ActivityTypes.Message, Text = text, TextFormat = "markdown", Entities = mentions.Entities });
    }

    private static string FirstWord(string text)
    {
        var t = text.Trim();
        var end = t.IndexOfAny([' ', '\u3000', '\t', '\n', '@', '@', '<']);
        return end < 0 ? t : t[..end];
    }

    /// <summary>The person typed or @mentioned after the owner name, or what to tell the user when none is found.</summary>
    private (AdminCandidate? Person, string? Problem) Typed(TurnContext ctx, CommandArgs args, string owner)
    {
        var rest = args.Text.Trim()[owner.Length..].Trim();
        if (rest.Length == 0)
            return (null, ctx.T($"请写明“{owner}”是谁,例如“绑定 {owner} @王建华”,或输入“绑定”用卡片选择。",
                $"Say who \"{owner}\" is, e.g. \"bind {owner} @Wang Jianhua\", or type \"bind\" to choose on a card."));
        var target = people.Find(ctx, new CommandArgs(rest, null));
        if (target.Person is { } found) return (found, null);
        var reply = target.Choices.Count > 0
            ? ctx.T($"有 {target.Choices.Count} 位成员的名字含“{rest.TrimStart('@', '@')}”:{string.Join("、", target.Choices.Select(c => c.Name))}。请写出完整的名字,或输入“绑定”用卡片选择。",
                $"{target.Choices.Count} members match \"{rest.TrimStart('@', '@')}\": {string.Join(", ", target.Choices.Select(c => c.Name))}. Type the full name, or \"bind\" to choose on a card.")
            : AdminReplies.NotFound(ctx, target.NotFound ?? rest);
        return (null, reply);
    }

    /// <summary>
    /// The person chosen on the card: a member's user key, or in Teams the AAD object id the people picker returns
    /// (a member seen with that id, else that id itself, which Teams accepts in a mention); or what to tell the user.
    /// </summary>
    private (AdminCandidate? Person, string? Problem) Picked(TurnContext ctx, string value, string owner)
    {
        value = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        var members = workspaces.MembersOf(ctx.Workspace.Id);
        var member = members.FirstOrDefault(m => m.UserKey == value) ?? members.FirstOrDefault(m => m.AadObjectId is { Length: > 0 } aad && aad == value);
        if (member is not null) return (new AdminCandidate(member.UserKey, member.Name ?? people.NameOf(ctx.Workspace.Id, member.UserKey)), null);
        if (ctx.Workspace.ChannelId == "msteams" && Guid.TryParse(value, out _)) return (new AdminCandidate("msteams:" + value, owner), null);
        return (null, value.Length == 0 ? ctx.T("请在卡片上选择对应的人。", "Choose the person on the card.") : AdminReplies.NotFound(ctx, value));
    }

    private async Task ShowUnboundAsync(TurnContext ctx)
    {
        var ws = ctx.Workspace;
        var members = workspaces.MembersOf(ws.Id);
        var bound = bindings.Of(ws.Id);
        var unbound = Mentions.Unbound(tasks.Open(ws.Id).Concat(tasks.AwaitingAcceptance(ws.Id)), members, bound);
        var boundList = bound.Values.OrderBy(b => b.OwnerName, StringComparer.Ordinal).Select(b => (b.OwnerName, b.UserName ?? b.UserKey)).ToList();
        if (!ctx.Capabilities.FormCards)
        {
            await ctx.SendTextAsync(ctx.T(
                $"尚未绑定的责任人:{(unbound.Count == 0 ? "无" : string.Join("、", unbound))}。用“绑定 名称 某人”绑定,例如“绑定 王书记 王建华”。",
                $"Owners not bound: {(unbound.Count == 0 ? "none" : string.Join(", ", unbound))}. Bind one with \"bind NAME person\", e.g. \"bind 王书记 Wang Jianhua\"."));
            return;
        }
        var choices = members.Where(m => !string.IsNullOrWhiteSpace(m.Name)).OrderByDescending(m => m.LastSeenUtc).Take(100)
            .Select(m => (m.UserKey, m.Name!)).ToList();
        await ctx.SendCardAsync(OwnerBindingCards.Bind(ctx.Lang, unbound, choices, boundList, peoplePicker: ws.ChannelId == "msteams"),
            ctx.T($"尚未绑定的责任人 {unbound.Count} 个。", $"{unbound.Count} owner name(s) not bound."));
    }
}
