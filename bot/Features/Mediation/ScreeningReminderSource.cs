using ChatBot.Bot.Conversation;
using ChatBot.Cards;
using ChatBot.Bot.Reminders;
using ChatBot.Bot.Reminders.Calendar;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Mediation;
using ChatBot.Storage.Reminders;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>
/// 矛盾纠纷排查 reminders into the group, listing the villages (of <see cref="ScreeningReplies.Villages"/>) that have
/// reported neither a dispute nor a 零报告 in the period (1st–15th and 16th–end, or the whole month with
/// Mediation:ScreeningsPerMonth = 1):
/// <list type="bullet">
/// <item>from the 3rd working day before the period's last day — key <c>screening/{period start}/due</c>;</item>
/// <item>once after the period ended, from the first working day after it — <c>screening/{period start}/missed</c>.</item>
/// </list>
/// On working days (China's official calendar) from the reminder time, outside quiet hours. Only a workspace that has
/// recorded a screening round takes part, and an ended period is reminded only if its last day is on or after the first
/// round. The messages name villages only.
/// </summary>
internal sealed class ScreeningReminderSource(
    ScreeningReplies replies,
    WorkspaceStore workspaces,
    WorkingCalendar calendar,
    IOptions<MediationOptions> options,
    IOptions<ReminderOptions> reminderOptions) : IReminderSource
{
    public const string Kind = "mediation.screening";
    public const int WorkingDaysBeforeEnd = 3;
    public string Name => "mediation-screening";

    public Task CollectAsync(DateTimeOffset nowUtc, Action<OutboxMessage> enqueue, CancellationToken ct)
    {
        var perMonth = options.Value.ScreeningPeriodsPerMonth;
        // Only workspaces that have recorded a round take part: which they are, their rounds and the villages of their
        // cases are three questions for all of them, not one or more per workspace.
        var screening = replies.Store.Workspaces();
        var inWindow = new List<(Workspace Ws, WorkspaceSchedule Schedule)>();
        foreach (var ws in workspaces.All())
        {
            if (ws.Removed || !screening.Contains(ws.Id)) continue;
            var schedule = new WorkspaceSchedule(ws, reminderOptions.Value, calendar);
            if (schedule.IsReminderWindow(nowUtc)) inWindow.Add((ws, schedule));
        }
        if (inWindow.Count == 0) return Task.CompletedTask;
        var roundsOf = replies.Store.All(inWindow.Select(w => w.Ws.Id));
        var caseVillagesOf = replies.Cases.VillagesOf(inWindow.Where(w => ScreeningReplies.SetVillages(w.Ws) is null).Select(w => w.Ws.Id));
        foreach (var (ws, schedule) in inWindow)
        {
            ct.ThrowIfCancellationRequested();
            var rounds = roundsOf[ws.Id];
            if (rounds.Count == 0) continue;
            var today = schedule.Today(nowUtc);
            var lang = Lang.FromLocale(ws.Locale);
            var villages = ScreeningReplies.SetVillages(ws) ?? ScreeningReplies.Named(caseVillagesOf[ws.Id].Concat(rounds.Select(r => r.Village)));
            foreach (var (key, text) in Due(today, perMonth, calendar, villages, rounds, lang))
            {
                var activity = new ChatBot.Bot.Channels.BotFramework.Schema.Activity
                {
                    Type = ChatBot.Bot.Channels.BotFramework.Schema.ActivityTypes.Message, Text = text, Locale = lang.Locale,
                };
                enqueue(ReminderMessages.Create($"screening/{ws.Id}/{key}", ws.Id, Kind, activity, schedule.ToUtc(today, schedule.ReminderTime), text,
                    expiresUtc: schedule.EndOfDayUtc(today)));
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>The day the reminder of a period is due: the 3rd working day before its last day.</summary>
    public static DateOnly ReminderDay(ScreeningPeriod period, WorkingCalendar calendar) => calendar.AddWorkingDays(period.To, -WorkingDaysBeforeEnd);

    /// <summary>The reminders due today (a workspace's rounds, all of them): (key, text).</summary>
    public static IEnumerable<(string Key, string Text)> Due(DateOnly today, int perMonth, WorkingCalendar calendar, IReadOnlyList<string> villages,
        IReadOnlyList<ScreeningRound> rounds, Lang lang)
    {
        if (villages.Count == 0 || rounds.Count == 0) yield break;
        var first = rounds.Min(r => r.Date);
        var current = ScreeningPeriod.Containing(today, perMonth);
        if (today >= ReminderDay(current, calendar) && Missing(current) is { Count: > 0 } open)
            yield return ($"{current.From:yyyy-MM-dd}/due", lang.T(
                $"📋 矛盾纠纷排查提醒:本期({Span(lang, current)})以下村(社区)尚未报送排查情况(发现纠纷或零报告):{string.Join("、", open)}。请于 {lang.Date(current.To)} 前报送:“矛盾纠纷排查”;未发现纠纷的回复“零报告 村名”。",
                $"📋 Dispute screening: these villages have not reported for this period ({Span(lang, current)}), neither a dispute nor a zero report: {string.Join(", ", open)}. Please report by {lang.Date(current.To)}: \"screening\", or \"zero report VILLAGE\" if none was found."));
        var previous = current.Previous(perMonth);
        if (previous.To >= first && today >= calendar.NextWorkingDay(previous.To.AddDays(1)) && Missing(previous) is { Count: > 0 } missed)
            yield return ($"{previous.From:yyyy-MM-dd}/missed", lang.T(
                $"📋 上期矛盾纠纷排查({Span(lang, previous)})已结束,以下村(社区)未报送:{string.Join("、", missed)}。请补报并写明排查日期:“矛盾纠纷排查 日期 村名”或“零报告 村名 日期”。",
                $"📋 The screening period {Span(lang, previous)} has ended; these villages did not report: {string.Join(", ", missed)}. Please report late with the date screened: \"screening DATE VILLAGE\" or \"zero report VILLAGE DATE\"."));

        List<string> Missing(ScreeningPeriod p)
        {
            var reported = rounds.Where(r => p.Contains(r.Date)).Select(r => r.Village).ToHashSet(StringComparer.Ordinal);
            return villages.Where(v => !reported.Contains(v)).ToList();
        }
    }

    private static string Span(Lang lang, ScreeningPeriod p) =>
        lang.IsZh ? $"{p.From.Month}月{p.From.Day}日–{p.To.Month}月{p.To.Day}日" : $"{p.From:yyyy-MM-dd} – {p.To:yyyy-MM-dd}";
}
