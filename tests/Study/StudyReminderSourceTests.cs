using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Features.Study;
using ChatBot.Bot.Reminders;
using ChatBot.Storage;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Reminders;
using ChatBot.Storage.Study;
using ChatBot.Tests.Infrastructure;
using LiteDatabase = LiteDB.LiteDatabase;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Study;

/// <summary>The study reminder source scanned at chosen fake times, with an outbox stand-in that rejects duplicate keys.</summary>
public sealed class StudyReminderSourceTests : IDisposable
{
    private readonly LiteDatabase _db = ChatBotDatabase.Open(TempPaths.NewDatabase());
    private readonly StudyStore _store;
    private readonly WorkspaceStore _workspaces;
    private readonly StudyReminderSource _source;
    private readonly Dictionary<string, OutboxMessage> _outbox = new();
    private readonly List<string> _added = new();
    // 2026-03-10 09:00 in Shanghai.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 10, 1, 0, 0, TimeSpan.Zero));

    public StudyReminderSourceTests()
    {
        _store = new StudyStore(_db);
        _workspaces = new WorkspaceStore(_db);
        _workspaces.Save(new Workspace { Id = "ws-a", TimeZone = "Asia/Shanghai", Locale = "zh-CN", IsGroup = true });
        _source = new StudyReminderSource(_store, _workspaces);
    }

    public void Dispose() => _db.Dispose();

    private void Enqueue(OutboxMessage m)
    {
        if (_outbox.TryAdd(m.Key, m)) _added.Add(m.Key);
    }

    /// <summary>Moves the clock to a Shanghai local time and scans; returns the keys added by this scan.</summary>
    private async Task<List<string>> ScanAtAsync(int month, int day, int hour, int minute = 0)
    {
        _clock.SetUtcNow(new DateTimeOffset(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8)));
        var before = _added.Count;
        await _source.CollectAsync(_clock.GetUtcNow(), Enqueue, CancellationToken.None);
        return _added.Skip(before).ToList();
    }

    private StudySession Create(StudyRule rule, string workspaceId = "ws-a")
    {
        var s = new StudySession
        {
            WorkspaceId = workspaceId, Title = "每月一法:民法典", Law = "民法典", Format = StudyFormat.Centralized, Rule = rule,
            Location = "三楼会议室", MaterialsUrl = "https://example.test/civil-code.pdf", SeriesStartUtc = _clock.GetUtcNow(), CreatedUtc = _clock.GetUtcNow(),
        };
        return _store.Create(s, new AuditEntry { Action = "test", AtUtc = _clock.GetUtcNow() });
    }

    private static StudyRule FirstFriday15() => new() { Kind = StudyRuleKind.NthWeekday, Nth = 1, Weekday = DayOfWeek.Friday, Start = new TimeOnly(15, 0) };

    [Fact]
    public async Task Day_before_at_16_and_one_hour_before_exactly_once()
    {
        var s = Create(FirstFriday15()); // first occurrence: Friday 2026-04-03 15:00
        var dayBefore = $"study/{s.Id}/2026-04-03/day-before";
        var hourBefore = $"study/{s.Id}/2026-04-03/hour-before";

        Assert.Empty(await ScanAtAsync(4, 2, 15, 59));
        Assert.Equal([dayBefore], await ScanAtAsync(4, 2, 16, 0));
        Assert.Empty(await ScanAtAsync(4, 2, 16, 1));   // repeated scans add nothing
        Assert.Empty(await ScanAtAsync(4, 3, 13, 59));
        Assert.Equal([hourBefore], await ScanAtAsync(4, 3, 14, 0));
        Assert.Empty(await ScanAtAsync(4, 3, 14, 30));
        Assert.Empty(await ScanAtAsync(4, 3, 15, 30)); // started: nothing more

        var m = _outbox[dayBefore];
        Assert.Equal("ws-a", m.WorkspaceId);
        Assert.Equal(StudyReminderSource.Kind, m.Kind);
        Assert.Equal(new DateTimeOffset(2026, 4, 2, 8, 0, 0, TimeSpan.Zero), m.DueUtc);
        Assert.Equal(new DateTimeOffset(2026, 4, 3, 6, 0, 0, TimeSpan.Zero), _outbox[hourBefore].DueUtc);
        Assert.Contains("明天", m.Markdown);
        Assert.Contains("三楼会议室", m.Markdown);
        Assert.Contains("https://example.test/civil-code.pdf", m.Markdown);

        // The activity is a valid card with the time, the materials and the sign-in button for this occurrence.
        var activity = ReminderMessages.ActivityOf(m);
        BotHost.AssertCardsValid([activity]);
        var text = activity.AllText();
        Assert.Contains("2026年4月3日(周五)15:00–16:30", text);
        Assert.Contains("签到", text);
        var signIn = SignInData(activity);
        Assert.Equal("study.signin", signIn.GetProperty("verb").GetString());
        Assert.Equal(s.Id, signIn.GetProperty("sessionId").GetInt32());
        Assert.Equal("2026-04-03", signIn.GetProperty("date").GetString());

        // Next month's occurrence gets its own pair.
        Assert.Equal([$"study/{s.Id}/2026-05-01/day-before"], await ScanAtAsync(4, 30, 16, 0));
    }

    internal static JsonElement SignInData(Activity activity)
    {
        var card = activity.Card()!.Value;
        return card.GetProperty("actions").EnumerateArray()
            .Select(a => a.TryGetProperty("data", out var d) ? d : default)
            .First(d => d.ValueKind == JsonValueKind.Object && d.GetProperty("verb").GetString() == "study.signin");
    }

    [Fact]
    public async Task A_cancelled_occurrence_gets_no_reminder_and_the_series_continues()
    {
        var s = Create(FirstFriday15());
        _store.Change(s.WorkspaceId, s.Id, stored =>
        {
            stored.Changes.Add(new StudyOccurrenceChange { Date = new DateOnly(2026, 4, 3), Cancelled = true });
            return new AuditEntry { Action = "test" };
        });

        Assert.Empty(await ScanAtAsync(4, 2, 16, 0));
        Assert.Empty(await ScanAtAsync(4, 3, 14, 0));
        Assert.Equal([$"study/{s.Id}/2026-05-01/day-before"], await ScanAtAsync(4, 30, 16, 0));
        Assert.Equal([$"study/{s.Id}/2026-05-01/hour-before"], await ScanAtAsync(5, 1, 14, 5));
    }

    [Fact]
    public async Task A_moved_occurrence_is_reminded_at_its_new_time()
    {
        var s = Create(FirstFriday15());
        _store.Change(s.WorkspaceId, s.Id, stored =>
        {
            stored.Changes.Add(new StudyOccurrenceChange { Date = new DateOnly(2026, 4, 3), MovedToLocal = new DateTime(2026, 4, 8, 9, 0, 0) });
            return new AuditEntry { Action = "test" };
        });

        Assert.Empty(await ScanAtAsync(4, 2, 16, 0));
        Assert.Empty(await ScanAtAsync(4, 3, 14, 0));
        Assert.Equal([$"study/{s.Id}/2026-04-08/day-before"], await ScanAtAsync(4, 7, 16, 0));
        Assert.Equal([$"study/{s.Id}/2026-04-08/hour-before"], await ScanAtAsync(4, 8, 8, 0));
        // The button still names the occurrence by its rule date.
        var activity = ReminderMessages.ActivityOf(_outbox[$"study/{s.Id}/2026-04-08/hour-before"]);
        Assert.Equal("2026-04-03", SignInData(activity).GetProperty("date").GetString());
    }

    [Fact]
    public async Task Workspace_settings_change_the_times_and_can_turn_one_off()
    {
        var w = _workspaces.Get("ws-a")!;
        w.Settings[StudyReminderSettings.DayBeforeKey] = "09:30";
        w.Settings[StudyReminderSettings.MinutesBeforeKey] = "30";
        _workspaces.Save(w);
        var s = Create(FirstFriday15());

        Assert.Empty(await ScanAtAsync(4, 2, 9, 29));
        Assert.Equal([$"study/{s.Id}/2026-04-03/day-before"], await ScanAtAsync(4, 2, 9, 30));
        Assert.Empty(await ScanAtAsync(4, 3, 14, 0));
        Assert.Equal([$"study/{s.Id}/2026-04-03/hour-before"], await ScanAtAsync(4, 3, 14, 30));

        w.Settings[StudyReminderSettings.DayBeforeKey] = "off";
        _workspaces.Save(w);
        Assert.Empty(await ScanAtAsync(4, 30, 16, 0));
        Assert.Equal([$"study/{s.Id}/2026-05-01/hour-before"], await ScanAtAsync(5, 1, 14, 30));
    }

    [Fact]
    public async Task Late_scans_send_only_what_still_makes_sense()
    {
        // Scheduled at 09:00 for 15:00 the same day: no "tomorrow" reminder, the hour-before one at 14:00.
        var s = Create(new StudyRule { Kind = StudyRuleKind.Once, Date = new DateOnly(2026, 3, 10), Start = new TimeOnly(15, 0) });
        Assert.Empty(await ScanAtAsync(3, 10, 9, 1));
        Assert.Equal([$"study/{s.Id}/2026-03-10/hour-before"], await ScanAtAsync(3, 10, 14, 0));

        // The bot was down from the day before until 14:20: only the hour-before one goes out.
        var t = Create(new StudyRule { Kind = StudyRuleKind.Once, Date = new DateOnly(2026, 3, 12), Start = new TimeOnly(15, 0) });
        Assert.Equal([$"study/{t.Id}/2026-03-12/hour-before"], await ScanAtAsync(3, 12, 14, 20));
    }

    [Fact]
    public async Task Each_workspace_uses_its_own_time_zone_and_removed_ones_get_nothing()
    {
        _workspaces.Save(new Workspace { Id = "ws-berlin", TimeZone = "Europe/Berlin", Locale = "en-US", IsGroup = true });
        _workspaces.Save(new Workspace { Id = "ws-gone", TimeZone = "Asia/Shanghai", Removed = true });
        var berlin = Create(FirstFriday15(), "ws-berlin");  // 2026-04-03 15:00 CEST = 13:00 UTC
        Create(FirstFriday15(), "ws-gone");

        _clock.SetUtcNow(new DateTimeOffset(2026, 4, 3, 11, 59, 0, TimeSpan.Zero));
        await _source.CollectAsync(_clock.GetUtcNow(), Enqueue, CancellationToken.None);
        Assert.DoesNotContain(_added, k => k.EndsWith("hour-before"));
        _clock.SetUtcNow(new DateTimeOffset(2026, 4, 3, 12, 0, 0, TimeSpan.Zero));
        await _source.CollectAsync(_clock.GetUtcNow(), Enqueue, CancellationToken.None);
        var key = $"study/{berlin.Id}/2026-04-03/hour-before";
        Assert.Contains(key, _added);
        Assert.Contains("Reminder", _outbox[key].Markdown);
        Assert.All(_outbox.Values, m => Assert.NotEqual("ws-gone", m.WorkspaceId));
    }
}
