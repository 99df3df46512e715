using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Cards.Help;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Study;

namespace ChatBot.Bot.Features.Study;

/// <summary>
/// 关联会议 编号 / link meeting &lt;no.&gt;, typed in a Teams meeting chat: the meetings of this chat sign people in to that
/// session (of another group) from now on. Only an admin of the session's group may link it.
/// </summary>
internal sealed class LinkStudyMeetingCommand(StudyStore store, WorkspaceStore workspaces) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["关联会议", "关联学法会议", "link meeting"];
    public IEnumerable<CommandHelp> Help =>
        [new("学法", "Law study", "关联会议 编号", "link meeting <no.>", "在 Teams 会议聊天中发送:本会议按学法活动自动签到", "In a Teams meeting chat: sign attendees in to that study session", 34)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        if (ctx.Activity.ChannelId != "msteams" || !ctx.IsGroup)
        {
            await ctx.SendTextAsync(ctx.T("“关联会议”请在 Teams 会议的聊天中发送(我需在该会议聊天中)。", "Please type \"link meeting\" in the Teams meeting's chat (with me added to it)."));
            return;
        }
        var text = Recognizers.ToHalfWidth(args.Text).Trim().TrimStart('#', '#').Trim();
        if (!int.TryParse(text, out var id))
        {
            await ctx.SendTextAsync(ctx.T("请写明学法活动编号,例如“关联会议 12”(编号见“学法安排”)。", "Please give the session number, e.g. \"link meeting 12\" (see \"study sessions\")."));
            return;
        }
        var found = store.All().FirstOrDefault(s => s.Id == id);
        var session = found is null ? null : store.Get(found.WorkspaceId, found.Id);
        var home = session is null ? null : workspaces.Get(session.WorkspaceId);
        if (session is null || home is null || (session.WorkspaceId != ctx.Workspace.Id && !workspaces.IsMember(session.WorkspaceId, ctx.UserKey)))
        {
            await ctx.SendTextAsync(ctx.T($"没有找到编号为 {id} 的学法活动(或您不在它所在的群里)。", $"There is no study session {id} (or you are not in its group)."));
            return;
        }
        if (session.WorkspaceId == ctx.Workspace.Id)
        {
            await ctx.SendTextAsync(ctx.T($"“{session.Title}”就是在本聊天中安排的,会议开始时会自动关联,无需再关联。",
                $"\"{session.Title}\" was scheduled in this chat; its meetings are linked automatically."));
            return;
        }
        if (!home.IsAdmin(ctx.UserKey))
        {
            await ctx.SendTextAsync(ctx.T($"抱歉,只有“{session.Title}”所在群的管理员可以关联会议。", $"Sorry, only the admins of \"{session.Title}\"'s group can link a meeting to it."));
            return;
        }
        store.Change(session.WorkspaceId, session.Id, s =>
        {
            s.MeetingWorkspaceId = ctx.Workspace.Id;
            s.UpdatedUtc = ctx.Now;
            return new AuditEntry { Action = "study.linkMeeting", UserKey = ctx.UserKey, UserName = ctx.UserName, AtUtc = ctx.Now, Details = ctx.Workspace.Id };
        });
        await ctx.SendTextAsync(ctx.T($"已关联:本聊天的会议在“{session.Title}”的签到时间内开始时,在会满一半时长的同志会后自动签到(会议)。",
            $"Linked: when a meeting of this chat starts within \"{session.Title}\"'s sign-in time, everyone present for at least half of it is signed in automatically (meeting)."));
    }
}
