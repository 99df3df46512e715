using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards;
using ChatBot.Cards.Help;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Mediation;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>
/// 排查村居 [东岭村 西岭村 …] / screening villages …: shows or (admins) sets the villages this committee screens, so the
/// reminder knows which have not reported. Workspace setting <c>mediation.villages</c>.
/// </summary>
internal sealed class ScreeningVillagesCommand(WorkspaceStore workspaces, AuditLog audit, ScreeningReplies replies) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["排查村居", "排查村社区", "screening villages"];
    public IEnumerable<CommandHelp> Help =>
        [new("人民调解", "Mediation", "排查村居 东岭村 西岭村", "screening villages A B", "设置需要排查报送的村(社区)名单(管理员)", "Set the villages that report screenings (admins)", 31)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        var workspace = workspaces.Get(ctx.Workspace.Id) ?? ctx.Workspace;
        var villages = ScreeningReplies.ParseVillages(args.Text);
        if (villages.Count == 0)
        {
            var known = replies.Villages(workspace);
            await ctx.SendTextAsync((known.Count > 0
                ? ctx.T($"需要排查报送的村(社区):{string.Join("、", known)}。", $"Villages that report screenings: {string.Join(", ", known)}.")
                : ctx.T("还没有村(社区)名单。", "There is no list of villages yet."))
                + ctx.T("\n设置名单(管理员):“排查村居 东岭村 西岭村 南湖社区”。", "\nSet the list (admins): \"screening villages Dongling Xiling\"."));
            return;
        }
        if (!workspace.IsAdmin(ctx.UserKey))
        {
            await ctx.SendTextAsync(ctx.T("只有本群的管理员可以设置排查村居名单。", "Only this group's admins can set the list of villages."));
            return;
        }
        if (villages.FirstOrDefault(v => v.Length > MediationRules.MaxVillageLength) is { } tooLong)
        {
            await ctx.SendTextAsync(ctx.T($"“{tooLong[..10]}…”太长,村(社区)名称最多 {MediationRules.MaxVillageLength} 个字;名单未修改。", $"\"{tooLong[..10]}…\" is too long (at most {MediationRules.MaxVillageLength} characters); the list was not changed."));
            return;
        }
        workspace = workspaces.Update(workspace, w => w.Settings[MediationOptions.VillagesKey] = string.Join("、", villages));
        ctx.Workspace = workspace;
        audit.Write(new AuditEntry
        {
            RecordKey = $"workspaces/{workspace.Id}", WorkspaceId = workspace.Id, Action = "mediation.villages", UserKey = ctx.UserKey, UserName = ctx.UserName, AtUtc = ctx.Now,
            Details = workspace.Settings[MediationOptions.VillagesKey],
        });
        await ctx.SendTextAsync(ctx.T($"已设置需要排查报送的村(社区),共 {villages.Count} 个:{string.Join("、", villages)}。", $"Saved {English.Count(villages.Count, "village")} that report screenings: {string.Join(", ", villages)}."));
    }
}
