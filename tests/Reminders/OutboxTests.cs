using ChatBot.Bot.Reminders;
using ChatBot.Storage;
using ChatBot.Storage.Reminders;
using ChatBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Reminders;

public class OutboxTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 10, 1, 0, 0, TimeSpan.Zero); // Tue 09:00 Shanghai

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Enqueue_is_idempotent_by_key_and_due_respects_next_attempt(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new OutboxStore(db);
        Assert.True(store.TryEnqueue(ReminderHosts.Message("k/1", T0)));
        Assert.False(store.TryEnqueue(ReminderHosts.Message("k/1", T0, "另一条")));
        Assert.True(store.TryEnqueue(ReminderHosts.Message("k/2", T0.AddHours(1))));
        Assert.Equal(["k/1"], store.Due(T0).Select(m => m.Key));
        Assert.Equal(["k/1", "k/2"], store.Due(T0.AddHours(1)).Select(m => m.Key));
        Assert.Equal("提醒", ReminderMessages.ActivityOf(store.Get("k/1")!).Text); // the first one won

        Assert.True(store.MarkSent("k/1", T0, "a1"));
        Assert.False(store.TryEnqueue(ReminderHosts.Message("k/1", T0))); // sent keys stay taken
        Assert.Equal(["k/2"], store.Due(T0.AddHours(2)).Select(m => m.Key));
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Existing_names_exactly_the_asked_keys_the_outbox_has_whatever_their_state(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new OutboxStore(db);
        store.TryEnqueue(ReminderHosts.Message("ws/a/overdue/2026-03-10", T0));
        store.TryEnqueue(ReminderHosts.Message("ws/b/overdue/2026-03-10", T0));
        store.TryEnqueue(ReminderHosts.Message("ws/a/digest/2026-W11", T0));
        store.MarkSent("ws/a/digest/2026-W11", T0, "a1");
        store.MarkDead("ws/b/overdue/2026-03-10", "bot removed");

        Assert.Equal(["ws/a/digest/2026-W11", "ws/b/overdue/2026-03-10"],
            store.Existing(["ws/b/overdue/2026-03-10", "ws/c/overdue/2026-03-10", "ws/a/digest/2026-W11", "ws/a/overdue/2026-03-11"]).Order());
        Assert.Empty(store.Existing([]));
        Assert.Empty(store.Existing(["ws/a/overdue"])); // whole keys only, not prefixes
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Enqueue_all_adds_the_new_keys_in_one_transaction_and_saves_nothing_of_a_batch_that_fails(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new OutboxStore(db);
        store.TryEnqueue(ReminderHosts.Message("k/1", T0));
        var laned = ReminderHosts.Message("k/3", T0);
        laned.Lane = "reply/conv";

        var added = store.TryEnqueueAll([ReminderHosts.Message("k/1", T0, "另一条"), ReminderHosts.Message("k/2", T0), ReminderHosts.Message("k/2", T0, "重复"), laned]);
        Assert.Equal(["k/2", "k/3"], added.Select(m => m.Key));
        Assert.Equal("提醒", ReminderMessages.ActivityOf(store.Get("k/1")!).Text); // the queued one stays
        Assert.Equal("提醒", ReminderMessages.ActivityOf(store.Get("k/2")!).Text); // the first of the batch won
        Assert.True(store.HasPendingInLane("reply/conv"));
        Assert.Equal("k/3", store.LaneHead("reply/conv")!.Key);

        // A key the database refuses makes the insert throw (LiteDB: longer than its index allows; PostgreSQL: a NUL
        // character in text): the batch's other message is not saved either.
        var refused = provider == "litedb" ? "k/" + new string('x', 2000) : "k/\0";
        Assert.ThrowsAny<Exception>(() => store.TryEnqueueAll([ReminderHosts.Message("k/4", T0), ReminderHosts.Message(refused, T0)]));
        Assert.Null(store.Get("k/4"));
        Assert.Equal(["k/4"], store.TryEnqueueAll([ReminderHosts.Message("k/4", T0)]).Select(m => m.Key));
        Assert.Empty(store.TryEnqueueAll([]));
    }

    [Fact]
    public async Task A_tick_queues_everything_a_source_offers_in_batches_even_when_the_source_fails_half_way()
    {
        var sender = new FakeProactiveSender();
        var source = new ListReminderSource();
        var count = ReminderScheduler.QueueBatch * 2 + 7;
        for (var i = 0; i < count; i++) { var key = $"test/{i}"; source.Producers.Add(_ => ReminderHosts.Message(key, T0)); }
        var failing = new ListReminderSource();
        for (var i = 0; i < 3; i++) { var key = $"failing/{i}"; failing.Producers.Add(_ => ReminderHosts.Message(key, T0)); }
        failing.Producers.Add(_ => throw new InvalidOperationException("source broke"));

        using var host = ReminderHosts.Create(TempPaths.NewDatabase(), sender, source, more: services => services.AddSingleton<IReminderSource>(failing));
        ReminderHosts.SeedWorkspace(host);
        var tick = await host.Service<ReminderScheduler>().RunOnceAsync(T0);
        Assert.Equal(count + 3, tick.Enqueued); // what the failing source offered before it broke is queued too
        var keys = Enumerable.Range(0, count).Select(i => $"test/{i}").Concat(Enumerable.Range(0, 3).Select(i => $"failing/{i}")).ToList();
        Assert.Equal(keys.Count, host.Service<OutboxStore>().Existing(keys).Count);
        Assert.Equal(0, (await host.Service<ReminderScheduler>().RunOnceAsync(T0.AddMinutes(1))).Enqueued);
    }

    [Fact]
    public async Task A_backlog_larger_than_a_round_goes_out_in_one_tick_each_message_once()
    {
        // What a new leader finds after the old one died, or a Monday morning: more due than one round sends.
        var sender = new FakeProactiveSender();
        using var host = ReminderHosts.Create(TempPaths.NewDatabase(), sender, settings: new() { ["Reminders:BatchSize"] = "20" });
        ReminderHosts.SeedWorkspace(host);
        var store = host.Service<OutboxStore>();
        for (var i = 0; i < 75; i++) store.TryEnqueue(ReminderHosts.Message($"backlog/{i}", T0.AddSeconds(-i), $"提醒 {i}"));
        store.TryEnqueue(ReminderHosts.Message("later/1", T0.AddMinutes(5)));

        var tick = await host.Service<ReminderScheduler>().RunOnceAsync(T0);
        Assert.Equal(75, tick.Drained.Sent);
        Assert.Equal(75, sender.Sent.Select(a => a.Text).Distinct().Count());
        Assert.Equal(OutboxStatus.Pending, store.Get("later/1")!.Status); // not due yet: not sent early
        Assert.Equal(0, (await host.Service<ReminderScheduler>().RunOnceAsync(T0.AddMinutes(1))).Drained.Sent);
    }

    [Fact]
    public async Task A_message_saved_as_a_json_string_by_an_older_version_is_still_sent()
    {
        var sender = new FakeProactiveSender();
        using var host = ReminderHosts.Create(TempPaths.NewDatabase(), sender);
        ReminderHosts.SeedWorkspace(host);
        var db = host.Service<LiteDB.LiteDatabase>();
        // The document as versions before ActivityUtf8 wrote it: the activity as a string, no bytes.
        var old = ReminderHosts.Message("old/1", T0);
        old.ActivityJson = """{"type":"message","text":"旧版本排队的提醒"}""";
        var doc = db.Mapper.ToDocument(old);
        doc.Remove(nameof(OutboxMessage.ActivityUtf8));
        db.GetCollection(OutboxStore.Collection).Insert(doc);

        var tick = await host.Service<ReminderScheduler>().RunOnceAsync(T0);
        Assert.Equal(1, tick.Drained.Sent);
        Assert.Equal("旧版本排队的提醒", Assert.Single(sender.Sent).Text);
        Assert.NotEmpty(ReminderHosts.Message("new/1", T0).ActivityUtf8); // new messages carry bytes, not a string
        Assert.Null(ReminderHosts.Message("new/1", T0).ActivityJson);
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Finished_messages_queued_before_the_cutoff_are_removed_a_batch_at_a_time_and_pending_ones_never(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new OutboxStore(db);
        var old = T0.AddDays(-40);
        foreach (var key in new[] { "old/sent-1", "old/sent-2", "old/dead", "old/pending", "new/sent" })
            store.TryEnqueue(ReminderHosts.Message(key, key.StartsWith("new/") ? T0.AddDays(-2) : old));
        store.MarkSent("old/sent-1", old, "a1");
        store.MarkSent("old/sent-2", old, "a2");
        store.MarkDead("old/dead", "bot removed from the group");
        store.MarkSent("new/sent", T0, "a3");

        var cutoff = T0.AddDays(-30);
        Assert.Equal(2, store.RemoveFinished(cutoff, max: 2));
        Assert.Equal(1, store.RemoveFinished(cutoff, max: 2));
        Assert.Equal(0, store.RemoveFinished(cutoff, max: 2));
        Assert.Equal(["new/sent", "old/pending"], store.All().Select(m => m.Key).Order());
        Assert.Equal(["old/pending"], store.Due(T0).Select(m => m.Key)); // still to be sent
        Assert.True(store.TryEnqueue(ReminderHosts.Message("old/dead", T0))); // a removed key is free again
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Failures_back_off_exponentially_with_jitter_and_die_after_max_attempts(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new OutboxStore(db) { Random = () => 1.0 }; // +20 % jitter
        var policy = new OutboxRetryPolicy(MaxAttempts: 3, BaseDelaySeconds: 10, MaxDelaySeconds: 3600, Jitter: 0.2);
        store.TryEnqueue(ReminderHosts.Message("k", T0));
        store.MarkFailed("k", "boom", T0, policy);
        Assert.Equal(T0.AddSeconds(12), store.Get("k")!.NextAttemptUtc);
        store.MarkFailed("k", "boom", T0, policy);
        Assert.Equal(T0.AddSeconds(24), store.Get("k")!.NextAttemptUtc);
        Assert.Equal(OutboxStatus.Pending, store.Get("k")!.Status);
        store.MarkFailed("k", "still down", T0, policy);
        var dead = store.Get("k")!;
        Assert.Equal(OutboxStatus.Dead, dead.Status);
        Assert.Equal(3, dead.Attempts);
        Assert.Equal("still down", dead.LastError);
        Assert.Empty(store.Due(T0.AddDays(1)));
        Assert.InRange(policy.DelayAfter(1, 0).TotalSeconds, 7.99, 8.01); // -20 %
    }

    [Fact]
    public async Task A_restart_after_sending_does_not_send_again()
    {
        var db = TempPaths.NewDatabase();
        var sender = new FakeProactiveSender();
        var source = new ListReminderSource();
        source.Producers.Add(now => ReminderHosts.Message("test/once", T0));

        using (var first = ReminderHosts.Create(db, sender, source))
        {
            ReminderHosts.SeedWorkspace(first);
            var tick = await first.Service<ReminderScheduler>().RunOnceAsync(T0);
            Assert.Equal(1, tick.Enqueued);
            Assert.Equal(1, tick.Drained.Sent);
        }
        // The "restarted" bot scans again: the same key is already in the file, nothing new is queued or sent.
        using (var second = ReminderHosts.Create(db, sender, source))
        {
            var tick = await second.Service<ReminderScheduler>().RunOnceAsync(T0.AddMinutes(1));
            Assert.Equal(0, tick.Enqueued);
            Assert.Equal(0, tick.Drained.Sent);
        }
        Assert.Single(sender.Sent);
        Assert.Equal("提醒", sender.Sent[0].Text);
        Assert.Equal("19:group-1@thread.v2", sender.Sent[0].Conversation?.Id);
    }

    [Fact]
    public async Task Two_scheduler_instances_on_one_database_send_a_message_once()
    {
        var sender = new FakeProactiveSender();
        var source = new ListReminderSource();
        for (var i = 0; i < 20; i++) { var key = $"test/{i}"; source.Producers.Add(_ => ReminderHosts.Message(key, T0)); }
        using var host = ReminderHosts.Create(sender: sender, source: source);
        ReminderHosts.SeedWorkspace(host);
        var a = ActivatorUtilities.CreateInstance<ReminderScheduler>(host.Services);
        var b = ActivatorUtilities.CreateInstance<ReminderScheduler>(host.Services);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).RunOnceAsync(T0))));
        Assert.Equal(20, sender.Sent.Count);
        Assert.Equal(20, sender.Sent.Select(s => s.Text).Count());
        Assert.All(host.Service<OutboxStore>().All(), m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    [Fact]
    public async Task A_crash_between_claim_and_send_delivers_after_the_lease_exactly_once()
    {
        var db = TempPaths.NewDatabase();
        var sender = new FakeProactiveSender();
        using (var first = ReminderHosts.Create(db, sender))
        {
            ReminderHosts.SeedWorkspace(first);
            var store = first.Service<OutboxStore>();
            store.TryEnqueue(ReminderHosts.Message("test/crash", T0));
            Assert.True(store.TryClaim("test/crash", T0, TimeSpan.FromMinutes(2))); // ...and the process dies here
        }
        using var second = ReminderHosts.Create(db, sender);
        var scheduler = second.Service<ReminderScheduler>();
        Assert.Equal(0, (await scheduler.RunOnceAsync(T0.AddMinutes(1))).Drained.Sent); // still leased
        Assert.Equal(1, (await scheduler.RunOnceAsync(T0.AddMinutes(2))).Drained.Sent);
        Assert.Equal(0, (await scheduler.RunOnceAsync(T0.AddMinutes(3))).Drained.Sent);
        Assert.Single(sender.Sent);
    }

    [Fact]
    public async Task Sender_failures_are_retried_with_backoff_and_delivered_exactly_once()
    {
        var sender = new FakeProactiveSender { FailNext = 2 };
        using var host = ReminderHosts.Create(sender: sender);
        ReminderHosts.SeedWorkspace(host);
        var store = host.Service<OutboxStore>();
        store.Random = () => 0.5; // no jitter: 30 s, then 60 s
        store.TryEnqueue(ReminderHosts.Message("test/retry", T0));
        var scheduler = host.Service<ReminderScheduler>();

        Assert.Equal(1, (await scheduler.RunOnceAsync(T0)).Drained.Failed);
        Assert.Equal(T0.AddSeconds(30), store.Get("test/retry")!.NextAttemptUtc);
        Assert.Equal(0, (await scheduler.RunOnceAsync(T0.AddSeconds(29))).Drained.Failed); // not yet due
        Assert.Equal(1, (await scheduler.RunOnceAsync(T0.AddSeconds(30))).Drained.Failed);
        Assert.Equal(T0.AddSeconds(90), store.Get("test/retry")!.NextAttemptUtc);
        Assert.Equal(1, (await scheduler.RunOnceAsync(T0.AddSeconds(90))).Drained.Sent);
        Assert.Equal(0, (await scheduler.RunOnceAsync(T0.AddHours(5))).Drained.Sent);

        var m = store.Get("test/retry")!;
        Assert.Equal(OutboxStatus.Sent, m.Status);
        Assert.Equal(3, m.Attempts);
        Assert.Single(sender.Sent);
    }

    [Fact]
    public async Task A_message_without_conversation_reference_waits_then_is_given_up_after_a_day()
    {
        var sender = new FakeProactiveSender();
        using var host = ReminderHosts.Create(sender: sender);
        ReminderHosts.SeedWorkspace(host, reference: false);
        var store = host.Service<OutboxStore>();
        var m = ReminderHosts.Message("test/noref", T0);
        m.CreatedUtc = T0;
        store.TryEnqueue(m);
        var scheduler = host.Service<ReminderScheduler>();
        Assert.Equal(1, (await scheduler.RunOnceAsync(T0)).Drained.Deferred);
        Assert.Equal(OutboxStatus.Pending, store.Get("test/noref")!.Status);
        Assert.Equal(1, (await scheduler.RunOnceAsync(T0.AddDays(1))).Drained.Dead);
        Assert.Equal(OutboxStatus.Dead, store.Get("test/noref")!.Status);
        Assert.Empty(sender.Sent);
    }

    [Fact]
    public async Task Quiet_hours_hold_a_message_until_they_end_and_stale_messages_expire()
    {
        var sender = new FakeProactiveSender();
        using var host = ReminderHosts.Create(sender: sender);
        ReminderHosts.SeedWorkspace(host, settings: new() { ["quietHours"] = "21:00-08:00" });
        var store = host.Service<OutboxStore>();
        var night = new DateTimeOffset(2026, 3, 10, 14, 0, 0, TimeSpan.Zero); // 22:00 Shanghai
        store.TryEnqueue(ReminderHosts.Message("test/night", night));
        var expiring = ReminderHosts.Message("test/expiring", night);
        expiring.ExpiresUtc = night.AddHours(2);
        store.TryEnqueue(expiring);

        var scheduler = host.Service<ReminderScheduler>();
        await scheduler.RunOnceAsync(night);
        Assert.Empty(sender.Sent);
        var morning = new DateTimeOffset(2026, 3, 11, 0, 0, 0, TimeSpan.Zero); // 08:00 Shanghai
        Assert.Equal(morning, store.Get("test/night")!.NextAttemptUtc);
        await scheduler.RunOnceAsync(morning);
        Assert.Single(sender.Sent);
        Assert.Equal(OutboxStatus.Dead, store.Get("test/expiring")!.Status);
    }

    [Fact]
    public async Task The_background_loop_ticks_on_the_injected_clock()
    {
        var sender = new FakeProactiveSender();
        var source = new ListReminderSource();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(T0);
        source.Producers.Add(now => now >= T0.AddMinutes(1) ? ReminderHosts.Message("test/loop", now) : null);
        using var host = new BotHost(clock: clock, configure: services =>
        {
            Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.RemoveAll<ChatBot.Bot.Conversation.IProactiveSender>(services);
            services.AddSingleton<ChatBot.Bot.Conversation.IProactiveSender>(sender);
            services.AddSingleton<IReminderSource>(source);
        });
        ReminderHosts.SeedWorkspace(host);
        _ = host.Services; // starts the host and its hosted services
        for (var i = 0; i < 50 && sender.Sent.Count == 0; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(50);
        }
        Assert.Single(sender.Sent);
    }

    [Fact]
    public async Task Sent_reminders_are_removed_after_KeepFinishedDays_and_a_day_s_reminder_is_still_sent_once()
    {
        var sender = new FakeProactiveSender();
        var source = new ListReminderSource(); // like the real sources: one key per local day, offered all day long
        source.Producers.Add(now => ReminderHosts.Message($"test/daily/{now:yyyy-MM-dd}", now, $"今天的提醒 {now:MM-dd}"));
        using var host = ReminderHosts.Create(TempPaths.NewDatabase(), sender, source, settings: new() { ["Reminders:KeepFinishedDays"] = "30" });
        ReminderHosts.SeedWorkspace(host);
        var scheduler = host.Service<ReminderScheduler>();
        var outbox = host.Service<OutboxStore>();

        Assert.Equal(0, (await scheduler.RunOnceAsync(T0)).Removed);
        Assert.Equal(0, (await scheduler.RunOnceAsync(T0.AddMinutes(1))).Enqueued); // the day's key is taken
        Assert.Equal(0, (await scheduler.RunOnceAsync(T0.AddDays(29))).Removed);
        Assert.NotNull(outbox.Get($"test/daily/{T0:yyyy-MM-dd}"));

        var tick = await scheduler.RunOnceAsync(T0.AddDays(31));
        Assert.Equal(1, tick.Removed);
        Assert.Null(outbox.Get($"test/daily/{T0:yyyy-MM-dd}"));
        Assert.NotNull(outbox.Get($"test/daily/{T0.AddDays(29):yyyy-MM-dd}")); // 2 days old: kept
        Assert.Equal(0, (await scheduler.RunOnceAsync(T0.AddDays(31).AddMinutes(1))).Enqueued);
        Assert.Equal(3, sender.Sent.Count); // one per day that had a tick, never one twice
        Assert.Equal(3, sender.Sent.Select(a => a.Text).Distinct().Count());
    }

    [Fact]
    public async Task Old_finished_messages_go_a_batch_per_tick_then_the_outbox_is_looked_at_hourly()
    {
        var sender = new FakeProactiveSender();
        using var host = ReminderHosts.Create(TempPaths.NewDatabase(), sender, settings: new() { ["Reminders:KeepFinishedDays"] = "30" });
        ReminderHosts.SeedWorkspace(host);
        var outbox = host.Service<OutboxStore>();
        var old = T0.AddDays(-60);
        var messages = Enumerable.Range(0, ReminderScheduler.RemoveBatch + 20).Select(i =>
        {
            var m = ReminderHosts.Message($"old/{i:0000}", old);
            m.Status = i % 10 == 0 ? OutboxStatus.Dead : OutboxStatus.Sent;
            return m;
        }).ToList();
        outbox.TryEnqueueAll(messages);
        outbox.TryEnqueue(ReminderHosts.Message("waiting", T0.AddDays(1))); // pending: never removed

        var scheduler = host.Service<ReminderScheduler>();
        Assert.Equal(ReminderScheduler.RemoveBatch, (await scheduler.RunOnceAsync(T0)).Removed);
        Assert.Equal(20, (await scheduler.RunOnceAsync(T0.AddMinutes(1))).Removed); // a full batch: go on next tick
        outbox.TryEnqueueAll([Finished("old/late", old)]);
        Assert.Equal(0, (await scheduler.RunOnceAsync(T0.AddMinutes(2))).Removed); // done for the hour
        Assert.Equal(1, (await scheduler.RunOnceAsync(T0.AddMinutes(62))).Removed);
        Assert.Equal(["waiting"], outbox.All().Select(m => m.Key));
    }

    [Theory]
    [InlineData("0", 400, false)]   // 0 keeps them for ever
    [InlineData("1", 5, false)]     // fewer than 8 days counts as 8: a key of this week may still be offered again
    [InlineData("1", 9, true)]
    [InlineData("30", 29, false)]
    public async Task KeepFinishedDays_decides_when_a_sent_message_goes(string keepDays, int daysLater, bool removed)
    {
        using var host = ReminderHosts.Create(TempPaths.NewDatabase(), settings: new() { ["Reminders:KeepFinishedDays"] = keepDays });
        ReminderHosts.SeedWorkspace(host);
        var outbox = host.Service<OutboxStore>();
        outbox.TryEnqueueAll([Finished("sent/1", T0)]);
        var tick = await host.Service<ReminderScheduler>().RunOnceAsync(T0.AddDays(daysLater));
        Assert.Equal(removed ? 1 : 0, tick.Removed);
        Assert.Equal(removed, outbox.Get("sent/1") is null);
    }

    private static OutboxMessage Finished(string key, DateTimeOffset queued)
    {
        var m = ReminderHosts.Message(key, queued);
        m.Status = OutboxStatus.Sent;
        m.SentUtc = queued;
        return m;
    }
}
