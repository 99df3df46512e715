using ChatBot.Bot.Channels.WeCom;
using ChatBot.Bot.Channels.WeCom.Cards;
using ChatBot.Bot.Channels.WeCom.Forms;
using ChatBot.Bot.Hosting.Housekeeping;
using ChatBot.Storage;
using ChatBot.Storage.Conversations;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static ChatBot.Tests.Infrastructure.Poll;

namespace ChatBot.Tests.Hosting;

public class HousekeepingTests
{
    // 2026-03-10 09:00 Shanghai.
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task WeCom_records_are_pruned_on_the_schedule_without_any_request()
    {
        var clock = new FakeTimeProvider(Start);
        using var db = ChatBotDatabase.Open(":memory:");
        var processed = new ProcessedActivityStore(db);
        var cardActions = new WeComCardActionStore(db, clock);
        var forms = new WeComFormTokens(db, clock, Options.Create(new WeComOptions()));
        using var provider = new ServiceCollection()
            .AddSingleton(processed).AddSingleton(cardActions).AddSingleton(forms)
            .AddSingleton<IHousekeepingTask, WeComHousekeeping>()
            .BuildServiceProvider();

        // Two days old already at start: the first run, a minute after start, removes it.
        processed.TryMarkFirstSeen("wecom-robot|ancient", Start - TimeSpan.FromDays(2));
        // Made at start: a message id (old after a day), a card button key (expires after 3 days), a form (expires
        // after 30 minutes and is kept a day more).
        processed.TryMarkFirstSeen("wecom-robot|m1", Start);
        cardActions.Save([new WeComCardActionRecord { Id = "k1", ConversationId = "chat-1", DataJson = "{}" }]);
        forms.Issue(new WeComForm { WorkspaceId = "w", UserKey = "wecom:zhangsan", ConversationId = "chat-1", CardJson = "{}" });

        using var service = new HousekeepingService(provider, clock, NullLogger<HousekeepingService>.Instance);
        await service.StartAsync(CancellationToken.None);
        try
        {
            // The service starts its wait on a thread of its own: the clock moves on until the first run has happened.
            await Eventually(() =>
            {
                if (!Has(db, ChatBotDatabase.ProcessedActivities, "wecom-robot|ancient")) return true;
                clock.Advance(HousekeepingService.FirstRunAfter);
                return false;
            }, "the first run after start");
            Assert.True(Has(db, ChatBotDatabase.ProcessedActivities, "wecom-robot|m1"), "a message id of this minute is kept");
            Assert.Equal(1, db.GetCollection(WeComCardActionStore.Collection).Count());
            Assert.Equal(1, db.GetCollection(WeComFormTokens.Collection).Count());

            // 3 days and 1 hour after start (hourly runs): the id is over a day old, the key and the form have expired
            // (the form more than a day ago). An id seen just now stays.
            var later = Start + TimeSpan.FromDays(3) + TimeSpan.FromHours(1);
            processed.TryMarkFirstSeen("wecom-robot|m2", later);
            clock.Advance(later - clock.GetUtcNow());
            // The runs of that jump may read the clock part-way; another hour (at most half a day) ends it.
            await Eventually(() =>
            {
                if (db.GetCollection(WeComCardActionStore.Collection).Count() == 0 && db.GetCollection(WeComFormTokens.Collection).Count() == 0
                    && !Has(db, ChatBotDatabase.ProcessedActivities, "wecom-robot|m1")) return true;
                if (clock.GetUtcNow() < later + TimeSpan.FromHours(12)) clock.Advance(HousekeepingService.Interval);
                return false;
            }, "an hourly run");
            Assert.True(Has(db, ChatBotDatabase.ProcessedActivities, "wecom-robot|m2"));
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void Closed_form_cards_are_forgotten_after_half_a_year_and_the_bot_registers_the_task()
    {
        using var db = ChatBotDatabase.Open(":memory:");
        var closed = new ClosedCardStore(db);
        closed.Close("w", "old", ClosedCardStore.Saved, "u", Start - TimeSpan.FromDays(181));
        closed.Close("w", "recent", ClosedCardStore.Cancelled, "u", Start - TimeSpan.FromDays(179));
        Assert.Equal(1, new ClosedCardHousekeeping(closed).Run(Start));
        Assert.Null(closed.Find("w", "old"));
        Assert.NotNull(closed.Find("w", "recent"));

        using var host = new ChatBot.Tests.Infrastructure.BotHost();
        Assert.Contains(host.Services.GetServices<IHousekeepingTask>(), t => t is ClosedCardHousekeeping);
    }

    [Fact]
    public void The_WeCom_channel_registers_its_pruning_with_the_housekeeping_job()
    {
        var services = new ServiceCollection().AddWeComChannel(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        Assert.Contains(services, d => d.ServiceType == typeof(IHousekeepingTask) && d.ImplementationType == typeof(WeComHousekeeping));
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(HousekeepingService));
    }

    [Fact]
    public void A_failing_task_does_not_stop_the_others()
    {
        var clock = new FakeTimeProvider(Start);
        var counted = new CountingTask();
        using var provider = new ServiceCollection()
            .AddSingleton<IHousekeepingTask, FailingTask>().AddSingleton<IHousekeepingTask>(counted).BuildServiceProvider();
        using var service = new HousekeepingService(provider, clock, NullLogger<HousekeepingService>.Instance);

        service.RunOnce(Start);

        Assert.Equal(new[] { Start }, counted.Runs);
    }

    private static bool Has(LiteDatabase db, string collection, string id) => db.GetCollection(collection).FindById(id) is not null;

    private sealed class FailingTask : IHousekeepingTask
    {
        public int Run(DateTimeOffset nowUtc) => throw new InvalidOperationException("disk full");
    }

    private sealed class CountingTask : IHousekeepingTask
    {
        public List<DateTimeOffset> Runs { get; } = [];
        public int Run(DateTimeOffset nowUtc) { Runs.Add(nowUtc); return 0; }
    }
}
