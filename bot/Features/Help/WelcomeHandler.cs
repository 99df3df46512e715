using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using ChatBot.Cards.Help;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Bot.Features.Help;

/// <summary>Greets a conversation the bot has just joined, with the help card, so nobody has to guess a command.</summary>
internal sealed class WelcomeHandler : IActivityHandler
{
    public async Task OnActivityAsync(TurnContext ctx, CancellationToken ct)
    {
        var a = ctx.Activity;
        if (a.Type != ActivityTypes.ConversationUpdate || a.MembersAdded is not { Count: > 0 }) return;
        var botAdded = a.MembersAdded.Any(m => m.Id == a.Recipient?.Id);
        if (!botAdded) return;
        var router = ctx.Services.GetRequiredService<CommandRouter>();
        await ctx.SendCardAsync(HelpCard.Build(ctx.Lang, router.Commands.SelectMany(c => c.Help)),
            ctx.T("您好!我是依法行政助手,可以帮您登记矛盾纠纷调解、安排学法活动、督办工作计划任务。",
                  "Hello! I'm the law-based administration assistant: I log mediations, schedule law-study sessions and chase plan tasks."));
    }
}
