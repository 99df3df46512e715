using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using ChatBot.Storage.Conversations;

namespace ChatBot.Bot.Channels.Teams;

/// <summary>
/// Keeps the conversation reference of every Teams chat, channel and team the bot is in, and forgets it when the bot
/// is removed, so reminders go only where the bot still is. The reference itself is saved by WorkspaceResolver on every
/// activity (messages, installationUpdate, conversationUpdate); this handler audits the installation and undoes it on
/// installationUpdate remove or a conversationUpdate whose membersRemoved holds the bot.
/// </summary>
internal sealed class TeamsInstallationHandler(WorkspaceStore workspaces, ConversationReferenceStore references, AuditLog audit,
    ILogger<TeamsInstallationHandler> log) : IActivityHandler
{
    public Task OnActivityAsync(TurnContext ctx, CancellationToken ct)
    {
        var a = ctx.Activity;
        if (a.ChannelId != "msteams") return Task.CompletedTask;
        if (IsBotAdded(a)) Record(ctx, "bot.installed");
        else if (IsBotRemoved(a)) Forget(ctx);
        return Task.CompletedTask;
    }

    public static bool IsBotAdded(Activity a) =>
        (a.Type == ActivityTypes.InstallationUpdate && a.Action is "add" or "add-upgrade")
        || (a.Type == ActivityTypes.ConversationUpdate && Contains(a.MembersAdded, a.Recipient?.Id));

    public static bool IsBotRemoved(Activity a) =>
        (a.Type == ActivityTypes.InstallationUpdate && a.Action == "remove")
        || (a.Type == ActivityTypes.ConversationUpdate && Contains(a.MembersRemoved, a.Recipient?.Id));

    private static bool Contains(List<ChannelAccount>? members, string? botId) =>
        botId is not null && members?.Any(m => m.Id == botId) == true;

    /// <summary>The reference id WorkspaceResolver stores for this conversation (group workspace, or the person's 1:1 chat).</summary>
    public static string ReferenceId(TurnContext ctx) =>
        ctx.IsGroup ? WorkspaceResolver.ConversationWorkspaceId(ctx.Activity) : "personal:" + ctx.UserKey;

    private void Forget(TurnContext ctx)
    {
        var referenceId = ReferenceId(ctx);
        references.Remove(referenceId);
        // A personal uninstall acts on the user's group workspace (ctx.Workspace): only the 1:1 chat's own workspace goes,
        // never a group whose conversation id the personal chat happens to carry.
        var workspaceId = WorkspaceResolver.OwnWorkspaceId(ctx.Activity, ctx.IsGroup);
        if (workspaces.Get(workspaceId) is not null) workspaces.MarkRemoved(workspaceId);
        var legacyId = WorkspaceResolver.ConversationWorkspaceId(ctx.Activity); // a personal workspace of an earlier version
        if (!ctx.IsGroup && workspaces.Get(legacyId) is { IsGroup: false }) workspaces.MarkRemoved(legacyId);
        log.LogInformation("Bot removed from Teams conversation {WorkspaceId}; reference {ReferenceId} deleted", workspaceId, referenceId);
        Record(ctx, "bot.removed");
    }

    private void Record(TurnContext ctx, string action) => audit.Write(new AuditEntry
    {
        RecordKey = "workspaces/" + WorkspaceResolver.OwnWorkspaceId(ctx.Activity, ctx.IsGroup),
        WorkspaceId = WorkspaceResolver.OwnWorkspaceId(ctx.Activity, ctx.IsGroup),
        Action = action,
        UserKey = ctx.UserKey,
        UserName = ctx.UserName,
        Details = $"{ctx.Activity.Type} {ctx.Activity.Action} {ctx.Activity.Conversation?.ConversationType}".Trim(),
        AtUtc = ctx.Now,
    });
}
