using System.Net;
using System.Text.RegularExpressions;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Features.Mediation;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Mediation;
using ChatBot.Tests.Infrastructure;
using static ChatBot.Tests.Mediation.MediationTestKit;

namespace ChatBot.Tests.BotFramework;

/// <summary>
/// Issue #20, items 1 and 2: the local (office) workspace is reached only through the built-in Direct Line service,
/// whatever channelId an /api/messages activity carries; and a personal chat that reuses a group's conversation id
/// neither joins that group nor reads its cases.
/// </summary>
public class WorkspaceIsolationTests
{
    private const string LocalWorkspace = "local:office";

    /// <summary>The office logs a case with full names and phones in the built-in Web Chat.</summary>
    private static async Task LogLocalCaseAsync(BotHost host)
    {
        var formId = FormIdOf(await host.SendWebChatAsync(Activities.Message("调解登记", "clerk", "wc-office", "webchat", userName: "周书记")));
        var submit = TeamsSubmit(ValidForm(formId), "clerk", "wc-office");
        submit.ChannelId = "webchat";
        Assert.Contains("已登记,案号 2026-001", (await host.SendWebChatAsync(submit)).AllText());
        // In the office's own Web Chat the parties are shown in full.
        Assert.Contains("张三 13812345678", (await host.SendWebChatAsync(Activities.Message("调解 2026-001", "clerk", "wc-office", "webchat"))).AllText());
    }

    [Theory]
    [InlineData("webchat")]
    [InlineData("directline")]
    [InlineData("emulator")]
    [InlineData("test")]
    public async Task An_api_messages_activity_never_reaches_the_local_workspace_whatever_its_channel_id(string channel)
    {
        using var host = new BotHost();
        await LogLocalCaseAsync(host);
        var references = host.Service<ConversationReferenceStore>();
        var officeReference = references.Get(LocalWorkspace)!;
        var membersBefore = host.Service<WorkspaceStore>().MembersOf(LocalWorkspace).Select(m => m.UserKey).ToList();

        // Azure's Web Chat (or any Bot Framework channel) with the office clerk's user id, and with a stranger's.
        foreach (var user in new[] { "clerk", "visitor" })
        {
            var conversation = $"{channel}-conv-{user}";
            var show = await host.SendAsync(Activities.Message("调解 2026-001", user, conversation, channel));
            var text = show.AllText();
            Assert.Contains("没有案号为 2026-001", text);
            Assert.DoesNotContain("张三", text);
            Assert.DoesNotContain("13812345678", text);

            var export = (await host.SendAsync(Activities.Message("导出调解台账", user, conversation, channel))).AllText();
            Assert.DoesNotContain("张三", export);
            foreach (Match link in Regex.Matches(export, @"/files/([A-Za-z0-9_-]{40,})"))
                Assert.NotEqual(LocalWorkspace, host.Service<MediationDownloads>().Find(link.Groups[1].Value)?.WorkspaceId);

            // Its turns act on a Bot Framework conversation's own workspace.
            Assert.Contains(WorkspaceResolver.PersonalWorkspaceId(Activities.Message("x", user, conversation, channel)),
                host.Service<WorkspaceStore>().WorkspacesOf($"{channel}:{user}").Select(m => m.WorkspaceId));
        }

        // The office's reminders still go to the office's Web Chat, and nobody joined the office workspace.
        var after = references.Get(LocalWorkspace)!;
        Assert.Equal(officeReference.ConversationId, after.ConversationId);
        Assert.Equal(officeReference.ChannelId, after.ChannelId);
        Assert.Equal("", after.ServiceUrl);
        Assert.Equal(membersBefore, host.Service<WorkspaceStore>().MembersOf(LocalWorkspace).Select(m => m.UserKey).ToList());
        Assert.Single(host.Service<MediationStore>().All(LocalWorkspace));
    }

    [Fact]
    public async Task An_api_messages_activity_without_a_service_url_changes_nothing_local_either()
    {
        using var host = new BotHost();
        await LogLocalCaseAsync(host);
        var office = host.Service<ConversationReferenceStore>().Get(LocalWorkspace)!;
        var a = Activities.Message("调解 2026-001", "clerk", "emu-1", "emulator");
        a.ServiceUrl = "";
        a.DeliveryMode = DeliveryModes.ExpectReplies;
        var response = await host.PostAsync(a);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("13812345678", Regex.Unescape(body));
        Assert.Equal(office.ConversationId, host.Service<ConversationReferenceStore>().Get(LocalWorkspace)!.ConversationId);
    }

    /// <summary>A Teams group where user-1 logged a case (names in full: only its members see them, in personal chats).</summary>
    private static async Task<string> GroupWithCaseAsync(BotHost host, string channel = "msteams")
    {
        var mention = Activities.GroupMention("调解登记", "user-1", GroupA);
        mention.ChannelId = channel;
        var formId = FormIdOf(await host.SendAsync(mention));
        var submit = GroupSubmit(ValidForm(formId), GroupA, "user-1");
        submit.ChannelId = channel;
        Assert.Contains("已登记,案号 2026-001", (await host.SendAsync(submit)).AllText());
        return WorkspaceResolver.ConversationWorkspaceId(mention);
    }

    private static Activity PersonalWithGroupId(string text, string user, string channel = "msteams")
    {
        var a = Activities.Message(text, user, GroupA, channel, "personal");
        a.Conversation!.IsGroup = false;
        return a;
    }

    [Theory]
    [InlineData("msteams")]
    [InlineData("emulator")]
    public async Task A_personal_chat_that_reuses_a_group_conversation_id_does_not_join_the_group(string channel)
    {
        using var host = new BotHost();
        var group = await GroupWithCaseAsync(host, channel);
        var workspaces = host.Service<WorkspaceStore>();

        var claimed = (await host.SendAsync(PersonalWithGroupId("调解 2026-001", "user-9", channel))).AllText();
        Assert.Contains("没有案号为 2026-001", claimed);
        Assert.DoesNotContain("张三", claimed);
        Assert.DoesNotContain("13812345678", claimed);
        Assert.False(workspaces.IsMember(group, $"{channel}:user-9"));
        Assert.True(workspaces.Get(group)!.IsGroup);

        // Nor later, from the stranger's real personal chat.
        var later = (await host.SendAsync(Activities.Message("调解 2026-001", "user-9", "personal-user-9", channel))).AllText();
        Assert.Contains("没有案号为 2026-001", later);
        Assert.DoesNotContain("张三", later);
        Assert.Equal(["2026-001"], host.Service<MediationStore>().All(group).Select(c => c.CaseNo));

        // The real member still reads the group's case in full from a personal chat.
        Assert.Contains("张三 13812345678", (await host.SendAsync(Activities.Message("调解 2026-001", "user-1", "personal-user-1", channel))).AllText());
    }

    [Fact]
    public async Task A_personal_uninstall_with_a_group_conversation_id_leaves_the_group_alone()
    {
        using var host = new BotHost();
        var group = await GroupWithCaseAsync(host);
        var remove = PersonalWithGroupId("", "user-9");
        remove.Type = ActivityTypes.InstallationUpdate;
        remove.Action = "remove";
        remove.Text = null;
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(remove)).StatusCode);
        Assert.False(host.Service<WorkspaceStore>().Get(group)!.Removed);
        Assert.NotNull(host.Service<ConversationReferenceStore>().Get(group));
    }

    [Fact]
    public async Task A_personal_workspace_of_the_previous_version_stays_its_chats_own()
    {
        using var host = new BotHost();
        var workspaces = host.Service<WorkspaceStore>();
        var now = host.Clock.GetUtcNow();
        // As the previous version stored it: the personal chat's plain conversation id, with its user as member.
        var legacyId = WorkspaceResolver.ConversationWorkspaceId(Activities.Message("x", "user-1", "personal-user-1"));
        workspaces.Save(new Workspace { Id = legacyId, ChannelId = "msteams", ConversationId = "personal-user-1", IsGroup = false, CreatedUtc = now, LastSeenUtc = now });
        workspaces.TouchMember(legacyId, "msteams:user-1", "王小明", null, now);
        var c = Case(new DateOnly(2026, 3, 1), DisputeType.Neighbour, "东岭村", MediationStatus.Accepted);
        c.WorkspaceId = legacyId;
        host.Service<MediationStore>().Create(c, "legacy", new MediationActor("msteams:user-1", "王小明"), now);

        var shown = (await host.SendAsync(Activities.Message("调解 2026-001", "user-1", "personal-user-1"))).AllText();
        Assert.Contains("甲某 13900001111", shown);
        Assert.Null(workspaces.Get(WorkspaceResolver.PersonalWorkspaceId(Activities.Message("x", "user-1", "personal-user-1"))));
    }

    [Fact]
    public async Task A_group_id_claimed_by_a_personal_chat_before_the_fix_is_taken_back_with_its_members()
    {
        using var host = new BotHost();
        var workspaces = host.Service<WorkspaceStore>();
        var now = host.Clock.GetUtcNow();
        // What the previous version made of a personal chat that carried the group's id before the group spoke.
        var group = WorkspaceResolver.ConversationWorkspaceId(Activities.GroupMention("x", "user-1", GroupA));
        workspaces.Save(new Workspace { Id = group, ChannelId = "msteams", ConversationId = GroupA, IsGroup = false, CreatedUtc = now, LastSeenUtc = now });
        workspaces.TouchMember(group, "msteams:user-9", "user-9", null, now);

        Assert.Equal(group, await GroupWithCaseAsync(host));
        Assert.True(workspaces.Get(group)!.IsGroup);
        Assert.False(workspaces.IsMember(group, "msteams:user-9"));
        Assert.True(workspaces.IsMember(group, "msteams:user-1"));
        var stranger = (await host.SendAsync(Activities.Message("调解 2026-001", "user-9", "personal-user-9"))).AllText();
        Assert.DoesNotContain("张三", stranger);
        Assert.DoesNotContain("13812345678", stranger);
    }
}
