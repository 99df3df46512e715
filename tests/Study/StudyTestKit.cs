using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Features.Study;
using ChatBot.Bot.Reminders;
using ChatBot.Storage.Reminders;
using ChatBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Study;

internal static class StudyTestKit
{
    /// <summary>Shanghai local time as UTC.</summary>
    public static DateTimeOffset Local(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    public static Activity WebChat(string text, string user = "user-1", string locale = "zh-CN") =>
        Activities.Message(text, user, "webchat-conv-" + user, "webchat", "personal", locale);

    public static Activity WebChatSubmit(object value, string user = "user-1", string locale = "zh-CN")
    {
        var a = Activities.Submit(value, user, "webchat-conv-" + user, "personal", locale: locale);
        a.ChannelId = "webchat";
        return a;
    }

    public static Activity GroupSubmit(object value, string user = "user-1", string conversation = "19:group-1@thread.v2") =>
        Activities.Submit(value, user, conversation, "groupChat");

    public static object Form(string rule, string title = "每月一法:民法典", string law = "民法典", string format = "Centralized", string? expected = "王小明、李娜、张三") => new
    {
        form = "study.schedule", title, law, format, rule, presenter = "司法所 陈所长", location = "三楼会议室",
        materials = "https://example.test/civil-code.pdf", expected,
    };

    /// <summary>The data of the first button (anywhere in the card) with this verb, and this date if given.</summary>
    public static JsonElement Button(Activity reply, string verb, string? date = null)
    {
        var found = new List<JsonElement>();
        Walk(reply.Card() ?? throw new InvalidOperationException("no card"), found);
        return found.First(d => d.GetProperty("verb").GetString() == verb && (date is null || d.GetProperty("date").GetString() == date));

        static void Walk(JsonElement e, List<JsonElement> found)
        {
            if (e.ValueKind == JsonValueKind.Object)
            {
                if (e.TryGetProperty("type", out var t) && t.GetString() == "Action.Submit" && e.TryGetProperty("data", out var d) && d.TryGetProperty("verb", out _))
                    found.Add(d.Clone());
                foreach (var p in e.EnumerateObject()) Walk(p.Value, found);
            }
            else if (e.ValueKind == JsonValueKind.Array)
                foreach (var i in e.EnumerateArray()) Walk(i, found);
        }
    }

    public static StudyReminderSource Source(BotHost host) =>
        host.Services.GetServices<IReminderSource>().OfType<StudyReminderSource>().Single();

    /// <summary>Sets the host's clock and scans; returns what was queued, by key (duplicates rejected).</summary>
    public static async Task<List<OutboxMessage>> ScanAsync(BotHost host, Dictionary<string, OutboxMessage> outbox, DateTimeOffset at)
    {
        host.Clock.SetUtcNow(at);
        var added = new List<OutboxMessage>();
        await Source(host).CollectAsync(at, m => { if (outbox.TryAdd(m.Key, m)) added.Add(m); }, CancellationToken.None);
        return added;
    }

    public static Activity ActivityOf(OutboxMessage m) => ReminderMessages.ActivityOf(m);
}
