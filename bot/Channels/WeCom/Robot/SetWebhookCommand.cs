using System.Text.RegularExpressions;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;
using ChatBot.Storage.Conversations;

namespace ChatBot.Bot.Channels.WeCom.Robot;

/// <summary>
/// 设置群机器人 &lt;key&gt; / set webhook &lt;key&gt;: stores the group robot webhook key reminders of this WeCom group
/// are posted with. Only in a WeCom group; the reply shows the key masked (it is a secret).
/// </summary>
internal sealed partial class SetWebhookCommand(WorkspaceStore workspaces, AuditLog audit) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["设置群机器人", "set webhook"];
    public IEnumerable<CommandHelp> Help =>
        [new("企业微信", "WeCom", "设置群机器人 <key>", "set webhook <key>", "设置本群接收提醒的群机器人 Webhook key", "Set this group's robot webhook key for reminders", 90)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        if (ctx.Activity.ChannelId != WeComOrigin.ChannelId || !ctx.IsGroup)
        {
            await ctx.SendTextAsync(ctx.T("请在企业微信群里 @我 使用此命令。", "Use this command by @mentioning me in a WeCom group."));
            return;
        }
        var key = KeyOf(args.Text);
        if (key is null)
        {
            await ctx.SendTextAsync(ctx.T(
                "请附上群机器人的 Webhook key(或完整的 Webhook 地址),例如:设置群机器人 693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa",
                "Please add the group robot's webhook key (or the full webhook URL), e.g. set webhook 693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"));
            return;
        }
        var workspace = workspaces.Get(ctx.Workspace.Id) ?? ctx.Workspace;
        if (!workspace.IsAdmin(ctx.UserKey))
        {
            await ctx.SendTextAsync(ctx.T("只有本群的管理员可以设置群机器人。", "Only this group's administrators can set the robot webhook."));
            return;
        }
        var replaced = !string.IsNullOrEmpty(workspace.WeComWebhookKey);
        workspace = workspaces.Update(workspace, w => w.WeComWebhookKey = key);
        ctx.Workspace = workspace;
        audit.Write(new AuditEntry
        {
            RecordKey = "workspaces/" + workspace.Id, WorkspaceId = workspace.Id, Action = replaced ? "wecom-webhook-replaced" : "wecom-webhook-set",
            UserKey = ctx.UserKey, UserName = ctx.UserName, Details = "key " + Mask(key), AtUtc = ctx.Now,
        });
        await ctx.SendTextAsync(ctx.T($"已设置本群的群机器人(key {Mask(key)}),提醒将发送到本群。",
            $"This group's robot webhook is set (key {Mask(key)}); reminders will be posted here."));
    }

    /// <summary>The key alone, from "KEY" or ".../webhook/send?key=KEY".</summary>
    internal static string? KeyOf(string text)
    {
        var t = text.Trim();
        var fromUrl = KeyInUrl().Match(t);
        if (fromUrl.Success) t = fromUrl.Groups[1].Value;
        return KeyShape().IsMatch(t) ? t : null;
    }

    internal static string Mask(string key) => key.Length <= 8 ? "****" : $"{key[..4]}****{key[^4..]}";

    [GeneratedRegex(@"[?&]key=([^&\s]+)")] private static partial Regex KeyInUrl();
    [GeneratedRegex(@"^[A-Za-z0-9-]{8,100}$")] private static partial Regex KeyShape();
}
