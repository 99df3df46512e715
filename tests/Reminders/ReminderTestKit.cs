using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Reminders;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Reminders;
using ChatBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBot.Tests.Reminders;

/// <summary>Records proactive sends; can be told to fail (channel down).</summary>
internal sealed class FakeProactiveSender : IProactiveSender
{
    private readonly List<Activity> _sent = new();
    private int _next;
    public IReadOnlyList<Activity> Sent { get { lock (_sent) return _sent.ToList(); } }
    public List<StoredConversationReference> References { get; } = new();
    /// <summary>How many of the next sends throw.</summary>
    public int FailNext { get; set; }

    public bool CanSend(StoredConversationReference reference) => true;

    public Task<ResourceResponse> SendAsync(StoredConversationReference reference, Activity activity, CancellationToken ct)
    {
        lock (_sent)
        {
            if (FailNext > 0) { FailNext--; throw new HttpRequestException("connector unavailable (503)"); }
            _sent.Add(activity);
            References.Add(reference);
            return Task.FromResult(new ResourceResponse { Id = $"sent-{++_next}" });
        }
    }
}

/// <summary>A reminder source that queues whatever the test puts in it, every tick.</summary>
internal sealed class ListReminderSource : IReminderSource
{
    public List<Func<DateTimeOffset, OutboxMessage?>> Producers { get; } = new();
    public string Name => "test";

    public Task CollectAsync(DateTimeOffset nowUtc, Action<OutboxMessage> enqueue, CancellationToken ct)
    {
        foreach (var p in Producers) if (p(nowUtc) is { } m) enqueue(m);
        return Task.CompletedTask;
    }
}

internal static class ReminderHosts
{
    public const string Workspace = "msteams:tenant-1:19:group-1@thread.v2";

    /// <summary>A bot host with the background loop off, a fake proactive sender and a test source.</summary>
    public static BotHost Create(string? db = null, FakeProactiveSender? sender = null, ListReminderSource? source = null,
        Microsoft.Extensions.Time.Testing.FakeTimeProvider? clock = null, Action<IServiceCollection>? more = null,
        Dictionary<string, string?>? settings = null) =>
        new(db, new(settings ?? []) { ["Reminders:Enabled"] = "false" }, clock, services =>
        {
            // The fake replaces the channels' real senders, which would otherwise claim the test's references first.
            services.RemoveAll<IProactiveSender>();
            services.AddSingleton<IProactiveSender>(sender ?? new FakeProactiveSender());
            if (source is not null) services.AddSingleton<IReminderSource>(source);
            more?.Invoke(services);
        });

    public static void SeedWorkspace(BotHost host, string id = Workspace, Dictionary<string, string>? settings = null, bool reference = true)
    {
        var now = host.Clock.GetUtcNow();
        host.Service<WorkspaceStore>().Save(new Workspace
        {
            Id = id, ChannelId = "msteams", TenantId = "tenant-1", ConversationId = "19:group-1@thread.v2", IsGroup = true,
            Name = "镇政府工作群", Settings = settings ?? new(), CreatedUtc = now, LastSeenUtc = now,
        });
        if (reference)
            host.Service<ConversationReferenceStore>().Upsert(new StoredConversationReference
            {
                Id = id, ChannelId = "msteams", ServiceUrl = Activities.ServiceUrl, ConversationId = "19:group-1@thread.v2",
                ConversationType = "groupChat", IsGroup = true, TenantId = "tenant-1", BotId = Activities.BotId, UpdatedUtc = now,
            });
    }

    public static OutboxMessage Message(string key, DateTimeOffset due, string text = "提醒", string workspace = Workspace) =>
        ReminderMessages.Create(key, workspace, "test", new Activity { Type = ActivityTypes.Message, Text = text }, due);
}
