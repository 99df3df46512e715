using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;
using ChatBot.Storage.PlanTasks;

namespace ChatBot.Bot.Features.PlanTasks;

/// <summary>解除绑定 王书记 / unbind NAME (#24): an admin removes an owner name's binding; reminders then match the name only.</summary>
internal sealed class UnbindOwnerCommand(OwnerBindingStore bindings) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["解除绑定", "取消绑定", "unbind owner", "unbind"];
    public IReadOnlyList<string> Verbs => ["tasks.unbind"];
    public IEnumerable<CommandHelp> Help =>
        [new("工作计划督办", "Plan tasks", "解除绑定 责任人", "unbind NAME", "取消责任人名称与成员的对应", "Remove an owner name's binding", 44)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        if (!ctx.Workspace.IsAdmin(ctx.UserKey))
        {
            await ctx.SendTextAsync(ctx.T("只有管理员(督查办)可以解除绑定。", "Only admins (the supervision office) can unbind owners."));
            return;
        }
        var owner = args.Text.Trim();
        if (owner.Length == 0)
        {
            await ctx.SendTextAsync(ctx.T("请写明责任人名称,例如“解除绑定 王书记”。", "Name the owner, e.g. \"unbind 王书记\"."));
            return;
        }
        var existing = bindings.Get(ctx.Workspace.Id, owner);
        if (existing is null || !bindings.Unbind(ctx.Workspace.Id, owner, TaskArgs.ActorOf(ctx), ctx.Now))
        {
            await ctx.SendTextAsync(ctx.T($"“{owner}”没有绑定任何人。", $"\"{owner}\" is not bound to anyone."));
            return;
        }
        await ctx.SendTextAsync(ctx.T($"已解除“{owner}”与 {existing.UserName ?? existing.UserKey} 的绑定。",
            $"\"{owner}\" is no longer bound to {existing.UserName ?? existing.UserKey}."));
    }
}
