using System.Net;
using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using ChatBot.Storage.Conversations;
using ChatBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Teams;

/// <summary>Teams payloads posted to /api/messages; what the bot sends is read from the fake Bot Connector.</summary>
public class TeamsBehaviourTests
{
    private static BotHost NewHost() => new(configure: services =>
    {
        services.AddSingleton<IBotCommand, SummaryCardCommand>();
        services.AddSingleton<IBotCommand, MentionPeopleCommand>();
    });

    [Fact]
    public async Task Group_chat_mention_runs_the_command_and_replies_in_the_group()
    {
        using var host = NewHost();
        var incoming = TeamsPayloads.Load("group-chat-mention.json");
        var replies = await host.SendAsync(incoming);

        var reply = Assert.Single(replies);
        Assert.NotNull(reply.Card());
        Assert.Contains("使用帮助", reply.AllText());
        Assert.Equal(TeamsPayloads.GroupChat, reply.Conversation!.Id);
        Assert.Equal(TeamsPayloads.Tenant, reply.Conversation.TenantId);
        Assert.Equal(incoming.Id, reply.ReplyToId);
        Assert.Equal(TeamsPayloads.BotId, reply.From!.Id);
        Assert.Equal(TeamsPayloads.ServiceUrl, reply.ServiceUrl);

        var workspace = host.Service<WorkspaceStore>().Get(TeamsPayloads.WorkspaceId(TeamsPayloads.GroupChat));
        Assert.NotNull(workspace);
        Assert.True(workspace.IsGroup);
        Assert.Equal(TeamsPayloads.Tenant, workspace.TenantId);
    }

    [Theory]
    [InlineData("依法行政助手", true)]
    [InlineData("依法行政 助手", true)]
    [InlineData("Law Assistant 依法行政助手", true)]
    [InlineData("依法行政 助手", false)] // mention markup without an entity (e.g. text copied into a new message)
    [InlineData("Law  Assistant", true)]
    public async Task Commands_work_after_a_mention_of_any_bot_name(string botName, bool withEntity)
    {
        using var host = NewHost();
        var a = TeamsPayloads.Load("group-chat-mention.json");
        a.Recipient!.Name = botName;
        a.Text = $"<at>{botName}</at>&nbsp;帮助";
        a.Entities = withEntity
            ? [new Entity { Type = "mention", Text = $"<at>{botName}</at>", Mentioned = new ChannelAccount { Id = TeamsPayloads.BotId, Name = botName } }]
            : [];
        var reply = Assert.Single(await host.SendAsync(a));
        Assert.Contains("使用帮助", reply.AllText());
    }

    [Fact]
    public void A_mention_of_another_person_is_not_stripped_as_the_bot()
    {
        var a = TeamsPayloads.Load("group-chat-mention.json");
        a.Text = "<at>依法行政助手</at> 测试摘要 <at>李娜</at>";
        a.Entities!.Add(new Entity { Type = "mention", Text = "<at>李娜</at>", Mentioned = new ChannelAccount { Id = "29:lina", Name = "李娜" } });
        Assert.Equal("测试摘要 <at>李娜</at>", MentionText.StripBotMention(a));
    }

    [Fact]
    public async Task Personal_chat_works_without_a_mention()
    {
        using var host = NewHost();
        var reply = Assert.Single(await host.SendAsync(TeamsPayloads.Load("personal-message.json")));
        Assert.Contains("使用帮助", reply.AllText());
        Assert.Equal(TeamsPayloads.Personal, reply.Conversation!.Id);
        Assert.Equal("personal", reply.Conversation.ConversationType);
        var reference = host.Service<ConversationReferenceStore>().Get("personal:msteams:" + TeamsPayloads.UserId);
        Assert.NotNull(reference);
        Assert.Equal(TeamsPayloads.Personal, reference.ConversationId);
    }

    [Fact]
    public async Task Channel_reply_goes_into_the_thread_and_the_reference_keeps_the_bare_channel()
    {
        using var host = NewHost();
        var incoming = TeamsPayloads.Load("channel-message.json");
        Assert.Contains(";messageid=", incoming.Conversation!.Id);
        var replies = await host.SendAsync(incoming);

        Assert.NotEmpty(replies);
        foreach (var reply in replies)
        {
            // The reply's conversation is the incoming one, thread suffix included, so Teams posts it in the thread.
            Assert.Equal(incoming.Conversation.Id, reply.Conversation!.Id);
            Assert.Equal("1741568520456", reply.ReplyToId);
            Assert.Equal(TeamsPayloads.Tenant, reply.Conversation.TenantId);
        }
        Assert.Contains("Help", replies.AllText()); // the message's locale was en-US

        var workspaceId = TeamsPayloads.WorkspaceId(TeamsPayloads.Channel);
        Assert.Equal(workspaceId, WorkspaceResolver.ConversationWorkspaceId(incoming));
        var reference = host.Service<ConversationReferenceStore>().Get(workspaceId);
        Assert.NotNull(reference);
        Assert.Equal(TeamsPayloads.Channel, reference.ConversationId);
        Assert.Equal(TeamsPayloads.ServiceUrl, reference.ServiceUrl);
        Assert.Equal(TeamsPayloads.Tenant, reference.TenantId);
        Assert.Equal("channel", reference.ConversationType);
        Assert.Equal(TeamsPayloads.BotId, reference.BotId);
    }

    [Theory]
    [InlineData("installation-add-groupchat.json", "installation-remove-groupchat.json", TeamsPayloads.GroupChat, "groupChat")]
    [InlineData("installation-add-team.json", "installation-remove-team.json", TeamsPayloads.Team, "channel")]
    public async Task Installation_add_keeps_the_reference_and_remove_forgets_it(string add, string remove, string conversationId, string conversationType)
    {
        using var host = NewHost();
        var references = host.Service<ConversationReferenceStore>();
        var workspaces = host.Service<WorkspaceStore>();
        var workspaceId = TeamsPayloads.WorkspaceId(conversationId);

        Assert.Empty(await host.SendAsync(TeamsPayloads.Load(add)));
        var reference = references.Get(workspaceId);
        Assert.NotNull(reference);
        Assert.Equal(TeamsPayloads.ServiceUrl, reference.ServiceUrl);
        Assert.Equal(conversationId, reference.ConversationId);
        Assert.Equal(TeamsPayloads.Tenant, reference.TenantId);
        Assert.Equal(conversationType, reference.ConversationType);
        Assert.True(reference.IsGroup);
        Assert.False(workspaces.Get(workspaceId)!.Removed);
        Assert.Contains(host.Service<AuditLog>().For("workspaces/" + workspaceId), e => e.Action == "bot.installed");

        Assert.Empty(await host.SendAsync(TeamsPayloads.Load(remove)));
        Assert.Null(references.Get(workspaceId));
        Assert.True(workspaces.Get(workspaceId)!.Removed);
        Assert.DoesNotContain(workspaces.All(), w => w.Id == workspaceId);
        Assert.Contains(host.Service<AuditLog>().For("workspaces/" + workspaceId), e => e.Action == "bot.removed");

        // Reinstalled later: the workspace and its reference come back.
        await host.SendAsync(TeamsPayloads.Load(add, freshId: true));
        Assert.NotNull(references.Get(workspaceId));
        Assert.False(workspaces.Get(workspaceId)!.Removed);
    }

    [Fact]
    public async Task Personal_uninstall_forgets_the_personal_chat_but_not_the_group_the_user_works_in()
    {
        using var host = NewHost();
        var references = host.Service<ConversationReferenceStore>();
        var workspaces = host.Service<WorkspaceStore>();
        var personalReference = "personal:msteams:" + TeamsPayloads.UserId;
        var groupId = TeamsPayloads.WorkspaceId(TeamsPayloads.GroupChat);

        await host.SendAsync(TeamsPayloads.Load("group-chat-mention.json"));
        Assert.Empty(await host.SendAsync(TeamsPayloads.Load("installation-add-personal.json")));
        var reference = references.Get(personalReference);
        Assert.NotNull(reference);
        Assert.Equal(TeamsPayloads.Personal, reference.ConversationId);
        Assert.Equal(TeamsPayloads.Tenant, reference.TenantId);
        Assert.False(reference.IsGroup);

        Assert.Empty(await host.SendAsync(TeamsPayloads.Load("installation-remove-personal.json")));
        Assert.Null(references.Get(personalReference));
        // The personal chat acted on the user's group workspace; uninstalling the personal app leaves the group alone.
        Assert.False(workspaces.Get(groupId)!.Removed);
        Assert.NotNull(references.Get(groupId));
    }

    [Fact]
    public async Task Bot_added_by_conversation_update_greets_and_keeps_the_reference_and_removal_forgets_it()
    {
        using var host = NewHost();
        var references = host.Service<ConversationReferenceStore>();

        var welcome = Assert.Single(await host.SendAsync(TeamsPayloads.Load("conversation-update-bot-added.json")));
        Assert.Contains("查看逾期任务", welcome.AllText());
        Assert.Equal(TeamsPayloads.GroupChat, welcome.Conversation!.Id);
        Assert.NotNull(references.Get(TeamsPayloads.WorkspaceId(TeamsPayloads.GroupChat)));

        await host.SendAsync(TeamsPayloads.Load("installation-add-team.json"));
        Assert.NotNull(references.Get(TeamsPayloads.WorkspaceId(TeamsPayloads.Team)));
        Assert.Empty(await host.SendAsync(TeamsPayloads.Load("conversation-update-bot-removed-team.json")));
        Assert.Null(references.Get(TeamsPayloads.WorkspaceId(TeamsPayloads.Team)));
        Assert.True(host.Service<WorkspaceStore>().Get(TeamsPayloads.WorkspaceId(TeamsPayloads.Team))!.Removed);
        // The group chat is untouched.
        Assert.NotNull(references.Get(TeamsPayloads.WorkspaceId(TeamsPayloads.GroupChat)));
    }

    [Fact]
    public async Task Proactive_message_goes_to_the_stored_channel_as_a_new_post()
    {
        using var host = NewHost();
        await host.SendAsync(TeamsPayloads.Load("channel-message.json"));
        var reference = host.Service<ConversationReferenceStore>().Get(TeamsPayloads.WorkspaceId(TeamsPayloads.Channel))!;
        var before = host.Connector.Sent.Count;

        var result = await host.Service<ProactiveMessenger>().SendAsync(reference,
            new Activity { Type = ActivityTypes.Message, Text = "【提醒】本月学法活动将于3月12日举行。" }, CancellationToken.None);

        Assert.False(string.IsNullOrEmpty(result.Id));
        var sent = Assert.Single(host.Connector.Sent.Skip(before));
        Assert.Equal("【提醒】本月学法活动将于3月12日举行。", sent.Text);
        Assert.Equal(TeamsPayloads.Channel, sent.Conversation!.Id); // no ;messageid=: a new post, not a reply
        Assert.Equal(TeamsPayloads.Tenant, sent.Conversation.TenantId);
        Assert.Equal("channel", sent.Conversation.ConversationType);
        Assert.Null(sent.ReplyToId);
        Assert.Equal(TeamsPayloads.BotId, sent.From!.Id);
        Assert.Equal(TeamsPayloads.ServiceUrl, sent.ServiceUrl);
        Assert.Equal("msteams", sent.ChannelId);
    }

    [Fact]
    public async Task Proactive_message_to_a_personal_chat_and_references_teams_cannot_serve()
    {
        using var host = NewHost();
        await host.SendAsync(TeamsPayloads.Load("personal-message.json"));
        var reference = host.Service<ConversationReferenceStore>().Get("personal:msteams:" + TeamsPayloads.UserId)!;
        var before = host.Connector.Sent.Count;
        await host.Service<ProactiveMessenger>().SendAsync(reference, new Activity { Text = "您有 2 项任务已逾期。" }, CancellationToken.None);
        var sent = Assert.Single(host.Connector.Sent.Skip(before));
        Assert.Equal(TeamsPayloads.Personal, sent.Conversation!.Id);
        Assert.Equal(TeamsPayloads.Tenant, sent.Conversation.TenantId);
        Assert.Null(sent.Conversation.IsGroup);

        var teams = host.Services.GetServices<IProactiveSender>().Single(s => s is ChatBot.Bot.Channels.BotFramework.BotFrameworkProactiveSender);
        Assert.True(teams.CanSend(reference));
        Assert.False(teams.CanSend(new StoredConversationReference { ChannelId = "webchat", ServiceUrl = "https://x.test/", ConversationId = "c" }));
        Assert.False(teams.CanSend(new StoredConversationReference { ChannelId = "msteams", ServiceUrl = "", ConversationId = "c" }));
        Assert.False(teams.CanSend(new StoredConversationReference { ChannelId = "msteams", ServiceUrl = "ftp://x.test/", ConversationId = "c" }));
    }

    [Fact]
    public async Task Action_submit_updates_the_clicked_card_in_place()
    {
        using var host = NewHost();
        var incoming = TeamsPayloads.Load("submit-message.json");
        var response = await host.PostAsync(incoming);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var update = Assert.Single(host.Connector.Updated);
        Assert.Equal("1741568700321", update.Id); // the card message's id (the submit's replyToId)
        Assert.Equal(TeamsPayloads.GroupChat, update.Conversation!.Id);
        Assert.Equal(TeamsPayloads.ServiceUrl, update.ServiceUrl);
        var card = update.Card()!.Value;
        CardChecker.AssertValid(card.GetRawText());
        Assert.Contains("张三与李四相邻关系纠纷", update.AllText());
        Assert.Contains("已保存", update.AllText());
        Assert.False(card.TryGetProperty("actions", out _)); // read-only: nothing left to click
        Assert.Empty(host.Connector.Sent);
    }

    [Fact]
    public async Task Universal_action_answers_with_the_refreshed_card_in_the_invoke_response()
    {
        using var host = NewHost();
        var response = await host.PostAsync(TeamsPayloads.Load("invoke-adaptive-card-action.json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        Assert.Equal(200, root.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.card.adaptive", root.GetProperty("type").GetString());
        var card = root.GetProperty("value");
        Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
        CardChecker.AssertValid(card.GetRawText());
        Assert.Contains("王五宅基地纠纷", card.GetRawText());
        Assert.Contains("\"3\"", card.GetRawText());
        lock (SummaryCardCommand.SeenVerbs) Assert.Contains("test.summary", SummaryCardCommand.SeenVerbs);

        // The card comes back in the HTTP answer: no PUT, no extra message.
        Assert.Empty(host.Connector.Updated);
        Assert.Empty(host.Connector.Sent);
    }

    [Fact]
    public async Task Universal_action_with_an_unknown_verb_is_explained_and_acknowledged()
    {
        using var host = NewHost();
        var invoke = TeamsPayloads.Load("invoke-adaptive-card-action.json");
        invoke.Value = JsonSerializer.SerializeToElement(new { action = new { type = "Action.Execute", verb = "no.such.verb", data = new { x = 1 } }, trigger = "manual" });
        var response = await host.PostAsync(invoke);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(200, body.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.activity.message", body.RootElement.GetProperty("type").GetString());
        Assert.Contains("已经处理过", host.Connector.Sent.AllText());
    }

    [Fact]
    public void Submit_value_of_a_universal_action_is_its_data_with_the_verb()
    {
        var invoke = TeamsPayloads.Load("invoke-adaptive-card-action.json");
        var ctx = new TurnContext(invoke, new BufferingAdapter(ChannelCapabilities.Full), new ServiceCollection().BuildServiceProvider(), TimeProvider.System, default);
        var value = ctx.SubmitValue!.Value;
        Assert.Equal("test.summary", value.GetProperty("verb").GetString());
        Assert.Equal("王五宅基地纠纷", value.GetProperty("caseName").GetString());
        Assert.Equal("3", value.GetProperty("parties").GetString());
        Assert.False(value.TryGetProperty("action", out _));

        var submit = TeamsPayloads.Load("submit-message.json");
        var submitCtx = new TurnContext(submit, new BufferingAdapter(ChannelCapabilities.Full), new ServiceCollection().BuildServiceProvider(), TimeProvider.System, default);
        Assert.Equal("test.summary", submitCtx.SubmitValue!.Value.GetProperty("verb").GetString());
    }

    [Fact]
    public async Task Mentions_in_a_text_message_carry_matching_entities_after_a_typing_indicator()
    {
        using var host = NewHost();
        var a = TeamsPayloads.Load("group-chat-mention.json");
        a.Text = "<at>依法行政助手</at> 测试提及";
        var replies = await host.SendAsync(a);

        Assert.Equal(2, replies.Count);
        Assert.Equal(ActivityTypes.Typing, replies[0].Type);
        var message = replies[1];
        Assert.StartsWith("<at>王小明</at> <at>李娜 &lt;司法所&gt;</at> 请于本周五前完成学法签到。", message.Text);
        Assert.Equal(2, message.Entities!.Count); // the repeated person is mentioned once
        foreach (var e in message.Entities)
        {
            Assert.Equal("mention", e.Type);
            Assert.Contains(e.Text!, message.Text);
        }
        Assert.Equal(["29:user-a", "29:user-b"], message.Entities.Select(e => e.Mentioned!.Id));
        Assert.Equal(TeamsPayloads.GroupChat, message.Conversation!.Id);
    }
}
