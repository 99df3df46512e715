using ChatBot.Bot.Conversation;
using ChatBot.Bot.Features.PlanTasks;
using ChatBot.Bot.Reminders;
using ChatBot.Cards;
using ChatBot.Cards.Mediation;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Mediation;
using ChatBot.Storage.Reminders;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>
/// The time limits of the mediation rules as reminders into the group, @mentioning the case's mediators, on working
/// days from the reminder time outside quiet hours (a reminder due on a weekend goes out on the next working day):
/// <list type="bullet">
/// <item>调解期限 (若干规定 §36): 5 days before the limit, and once it has passed — keys
/// <c>mediation/{case}/limit/{limit}</c> and <c>…/overdue/{limit}</c>, so an extension's new limit reminds again;</item>
/// <item>回访 (§39): from the day it is due until a visit is recorded — <c>…/followup/{due}</c>;</item>
/// <item>司法确认 (人民调解法 §33), written agreements: from day 20 after the agreement until day 30 —
/// <c>…/court</c>; off with the workspace setting <c>mediation.courtReminder</c> = off.</item>
/// </list>
/// The messages name the case number, type and village only: the parties' names stay out of the group.
/// </summary>
internal sealed class MediationReminderSource(
    MediationStore store,
    WorkspaceStore workspaces,
    IOptions<MediationOptions> options,
    IOptions<ReminderOptions> reminderOptions) : IReminderSource
{
    public const string Kind = "mediation.reminder";
    public string Name => "mediation";

    public Task CollectAsync(DateTimeOffset nowUtc, Action<OutboxMessage> enqueue, CancellationToken ct)
    {
        var inWindow = new List<(Workspace Ws, WorkspaceSchedule Schedule, DateOnly Today, bool Court)>();
        foreach (var ws in workspaces.All())
        {
            if (ws.Removed) continue;
            var schedule = new WorkspaceSchedule(ws, reminderOptions.Value);
            if (schedule.IsReminderWindow(nowUtc)) inWindow.Add((ws, schedule, schedule.Today(nowUtc), options.Value.CourtConfirmationReminderFor(ws)));
        }
        if (inWindow.Count == 0) return Task.CompletedTask;
        // Only the cases that can have a reminder due, of all workspaces at once: open, 回访 due, or within the 司法确认
        // window of a workspace that reminds of it (a few queries, not every case of each workspace).
        var courtSince = inWindow.Where(w => w.Court).Select(w => (DateOnly?)w.Today.AddDays(-MediationRules.CourtConfirmationWindowDays)).Min();
        var candidates = store.ReminderCandidates(inWindow.Max(w => w.Today), courtSince);
        foreach (var (ws, schedule, today, court) in inWindow)
        {
            ct.ThrowIfCancellationRequested();
            if (!candidates.TryGetValue(ws.Id, out var cases)) continue;
            var due = schedule.ToUtc(today, schedule.ReminderTime);
            var expires = schedule.EndOfDayUtc(today);
            var lang = Lang.FromLocale(ws.Locale);
            IReadOnlyList<WorkspaceMember>? members = null;
            foreach (var c in cases)
            {
                foreach (var (key, zh, en) in Due(c, today, court))
                {
                    members ??= workspaces.MembersOf(ws.Id);
                    enqueue(Message(ws, lang, c, members, key, zh, en, due, expires));
                }
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>The reminders a case has due today: (key, Chinese, English).</summary>
    public static IEnumerable<(string Key, string Zh, string En)> Due(MediationCase c, DateOnly today, bool courtReminder)
    {
        var id = $"mediation/{c.Id}";
        if (c.IsOpen)
        {
            var limit = c.TimeLimit;
            if (today > limit)
                yield return ($"{id}/overdue/{limit:yyyy-MM-dd}",
                    $"🔴 调解案件 {c.CaseNo} 已超过调解期限({Lang.Zh.Date(limit)})。如双方同意延长,请回复“延长调解 {c.CaseNo} 原因”;否则请尽快结案。",
                    $"🔴 Mediation case {c.CaseNo} is past its time limit ({limit:yyyy-MM-dd}). If both parties agree to extend, reply \"extend mediation {c.CaseNo} reason\"; otherwise please close it.");
            else if (today >= limit.AddDays(-MediationRules.TimeLimitWarningDays))
                yield return ($"{id}/limit/{limit:yyyy-MM-dd}",
                    $"⏰ 调解案件 {c.CaseNo} 的调解期限为 {Lang.Zh.Date(limit)},还有 {limit.DayNumber - today.DayNumber} 天。请抓紧调解,或经双方同意后“延长调解 {c.CaseNo} 原因”。",
                    $"⏰ Mediation case {c.CaseNo} must be concluded by {limit:yyyy-MM-dd}, {limit.DayNumber - today.DayNumber} day(s) from now. Please conclude it, or with both parties' agreement \"extend mediation {c.CaseNo} reason\".");
            yield break;
        }
        if (c.FollowUpDue is { } followUp && today >= followUp)
            yield return ($"{id}/followup/{followUp:yyyy-MM-dd}",
                $"📋 调解案件 {c.CaseNo} 待回访" + (c.PerformanceDeadline is { } d ? $"(履行期限 {Lang.Zh.Date(d)})" : "") + $"。请回访并记录履行情况:“回访 {c.CaseNo}”。",
                $"📋 Mediation case {c.CaseNo} is due a follow-up visit" + (c.PerformanceDeadline is { } e ? $" (performance deadline {e:yyyy-MM-dd})" : "") + $". Please visit and record it: \"follow up {c.CaseNo}\".");
        if (courtReminder && c.Status == MediationStatus.Succeeded && c.AgreementForm == AgreementForm.Written && c.CourtConfirmedOn is null && c.ClosedOn is { } signed)
        {
            var closes = signed.AddDays(MediationRules.CourtConfirmationWindowDays);
            if (today >= signed.AddDays(MediationRules.CourtConfirmationReminderDay) && today <= closes)
                yield return ($"{id}/court",
                    $"⚖️ 调解案件 {c.CaseNo} 的书面协议如需司法确认,双方应在 {Lang.Zh.Date(closes)} 前共同向法院申请(协议生效之日起 30 日内)。已确认的请回复“司法确认 {c.CaseNo} 日期”。",
                    $"⚖️ If the parties to case {c.CaseNo} want the written agreement confirmed by a court, they must apply together by {closes:yyyy-MM-dd} (within 30 days of the agreement). Once confirmed, reply \"court confirmed {c.CaseNo} date\".");
        }
    }

    private static OutboxMessage Message(Workspace ws, Lang lang, MediationCase c, IReadOnlyList<WorkspaceMember> members, string key, string zh, string en,
        DateTimeOffset due, DateTimeOffset expires)
    {
        var byName = members.Where(m => m.Name is not null).GroupBy(m => m.Name!).ToDictionary(g => g.Key, g => g.First().UserKey, StringComparer.Ordinal);
        var mentions = Mentions.ForKeys(ws, c.Mediators.Where(byName.ContainsKey).Select(n => (byName[n], n)));
        var body = lang.T(zh, en) + " " + lang.T($"({lang.Of(c.DisputeType)} · {c.Village})", $"({lang.Of(c.DisputeType)} · {c.Village})");
        var text = body + (c.Mediators.Count > 0 ? " " + string.Join(" ", c.Mediators.Select(mentions.TextFor)) : "");
        var markdown = body + (c.Mediators.Count > 0 ? "\n" + string.Join(" ", c.Mediators.Select(mentions.MarkdownFor)) : "");
        var activity = new ChatBot.Bot.Channels.BotFramework.Schema.Activity
        {
            Type = ChatBot.Bot.Channels.BotFramework.Schema.ActivityTypes.Message, Text = text, Locale = lang.Locale,
            Entities = mentions.Entities.Count > 0 ? mentions.Entities : null,
        };
        return ReminderMessages.Create(key, ws.Id, Kind, activity, due, markdown, mentions.UserIds, expires);
    }
}
