using ChatBot.Bot.Channels.WeCom.App;
using ChatBot.Bot.Channels.WeCom.Cards;
using ChatBot.Bot.Channels.WeCom.Robot;
using ChatBot.Storage.Conversations;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Channels.WeCom.Delivery;

/// <summary>Sends downgraded messages through the three ways WeCom offers: response_url, app message/send, group webhook.</summary>
internal sealed class WeComDelivery(IServiceProvider services, IOptions<WeComOptions> options, WorkspaceStore workspaces)
{
    /// <summary>A smart robot's later answer, through the callback's response_url.</summary>
    public async Task ToResponseUrlAsync(string responseUrl, IEnumerable<WeComOutgoing> messages, CancellationToken ct)
    {
        var client = services.GetRequiredService<WeComResponseUrlClient>();
        foreach (var m in messages)
        {
            if (m.Markdown.Length > 0) Ensure(await client.PostAsync(responseUrl, WeComRobotResponseUrlMessage.ForMarkdown(m.Markdown), ct), "response_url markdown");
            if (m.Card is not null) Ensure(await client.PostAsync(responseUrl, WeComRobotResponseUrlMessage.ForCard(m.Card), ct), "response_url template_card");
        }
    }

    /// <summary>
    /// The self-built app's message/send to one user: each message's markdown, then its card, as separate posts
    /// (<see cref="Parts"/>). <paramref name="skip"/>: posts an earlier attempt got out, not posted again.
    /// </summary>
    public async Task ToAppUserAsync(string userId, IEnumerable<WeComOutgoing> messages, CancellationToken ct, int skip = 0)
    {
        var api = services.GetRequiredService<WeComApiClient>();
        var parts = Parts(messages);
        for (var i = skip; i < parts.Count; i++)
        {
            var part = parts[i];
            if (part.Card is null) Ensure(await api.SendMarkdownAsync(userId, part.Markdown, ct), "message/send markdown", i);
            else Ensure(await api.SendTemplateCardAsync(userId, part.Card, ct), "message/send template_card", i);
        }
    }

    /// <summary>What <see cref="ToAppUserAsync"/> posts, one post each: a markdown, or a card.</summary>
    public static IReadOnlyList<WeComOutgoing> Parts(IEnumerable<WeComOutgoing> messages)
    {
        var parts = new List<WeComOutgoing>();
        foreach (var m in messages)
        {
            if (m.Markdown.Length > 0) parts.Add(new WeComOutgoing(m.Markdown));
            if (m.Card is not null) parts.Add(new WeComOutgoing("", m.Card));
        }
        return parts;
    }

    /// <summary>
    /// A group robot webhook post: markdown, then a text with mentioned_list when people are @-ed (two posts).
    /// <paramref name="skip"/>: posts an earlier attempt got out, not posted again.
    /// </summary>
    public async Task ToWebhookAsync(string key, IEnumerable<WeComOutgoing> messages, IReadOnlyCollection<string> mentions, CancellationToken ct, int skip = 0)
    {
        var webhook = services.GetRequiredService<WeComWebhookSender>();
        var markdown = string.Join("\n\n", messages.Select(m => m.Markdown).Where(m => m.Length > 0));
        var part = 0;
        if (markdown.Length > 0 && part++ >= skip) Ensure(await webhook.SendMarkdownAsync(key, markdown, ct), "webhook markdown", part - 1);
        if (mentions.Count > 0 && part++ >= skip)
        {
            var firstLine = markdown.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Replace("**", "").Trim() ?? "";
            Ensure(await webhook.SendTextAsync(key, firstLine.Length > 0 ? firstLine : "提醒 / Reminder", mentions, cancellationToken: ct), "webhook text with mentions", part - 1);
        }
    }

    /// <summary>The group robot key of a workspace: set by the 设置群机器人 command, else from configuration by chat id.</summary>
    public string? WebhookKeyFor(string? workspaceId, string chatId)
    {
        var stored = workspaceId is null ? null : workspaces.Get(workspaceId)?.WeComWebhookKey;
        if (!string.IsNullOrWhiteSpace(stored)) return stored;
        return options.Value.WebhookKeys.TryGetValue(chatId, out var configured) && !string.IsNullOrWhiteSpace(configured) ? configured : null;
    }

    public bool AppConfigured => options.Value is { AgentId: > 0, CorpId.Length: > 0, AppSecret.Length: > 0 };

    /// <param name="partsBefore">Posts of this message that went out before this one.</param>
    private static void Ensure(WeComSendResult result, string what, int partsBefore = 0)
    {
        if (!result.IsSuccess) throw new WeComDeliveryException(result, what, partsBefore);
    }
}
