using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;
using ChatBot.Cards.Study;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Study;

namespace ChatBot.Bot.Features.Study;

/// <summary>签到名单 1 2026-04-03 / study attendance 1 2026-04-03: who signed in to one occurrence and when, and who is missing.</summary>
internal sealed class StudyAttendanceCommand(StudyStore store, WorkspaceStore workspaces) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["签到名单", "签到情况", "study attendance", "sign-in list"];
    public IEnumerable<CommandHelp> Help => [new("学法", "Law study", "签到名单 编号 日期", "study attendance <no.> <date>", "查看某一次学法的签到名单", "Who signed in to one session", 28)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        if (await StudyOccurrenceArgs.ResolveAsync(ctx, store, args,
                "请写明编号和日期,例如“签到名单 1 2026-04-03”。", "Please give the number and date, e.g. \"study attendance 1 2026-04-03\".") is not { } found)
            return;
        var (session, occurrence, _) = found;
        var signedIn = store.AttendanceOf(ctx.Workspace.Id, session.Id, occurrence.Date).OrderBy(a => a.SignedInUtc).ToList();
        var lines = new List<string>
        {
            ctx.T($"**{session.Title}**({StudyText.When(ctx.Lang, occurrence)})已签到{signedIn.Count}人{(session.ExpectedParticipants.Count > 0 ? $"/应到{session.ExpectedParticipants.Count}人" : "")}:",
                $"**{session.Title}** ({StudyText.When(ctx.Lang, occurrence)}): {signedIn.Count} signed in{(session.ExpectedParticipants.Count > 0 ? $" of {session.ExpectedParticipants.Count} expected" : "")}:"),
        };
        // A row signed without a name shows the name given since ("我叫 …"), else says it has none.
        string? NameOf(StudyAttendance a) => !string.IsNullOrWhiteSpace(a.UserName) ? a.UserName : workspaces.MemberName(ctx.Workspace.Id, a.UserKey);
        lines.AddRange(signedIn.Select(a => $"- {NameOf(a) ?? ctx.T("(未留称呼)", "(no name given)")} {StudySchedule.ToLocal(a.SignedInUtc, ctx.TimeZone):HH:mm}"
            + (a.Method == StudySignInMethod.Meeting
                ? ctx.T($" {StudyLedgerText.MethodName(ctx.Lang, a.Method)},在会{a.MinutesPresent}分钟", $" {StudyLedgerText.MethodName(ctx.Lang, a.Method)}, {a.MinutesPresent} min in the meeting")
                : "")));
        var names = new HashSet<string>(signedIn.Select(a => NameOf(a) ?? ""), StringComparer.OrdinalIgnoreCase);
        // "我" on the expected list is whoever scheduled the session.
        var creatorSignedIn = signedIn.Any(a => a.UserKey == session.CreatedBy);
        var missing = session.ExpectedParticipants
            .Where(n => !names.Contains(n) && !(StudySessionDraft.IsSelf(n) && creatorSignedIn)).ToList();
        // The blank line ends the markdown list; without it the missing names render inside the last bullet.
        if (missing.Count > 0) lines.Add((signedIn.Count > 0 ? "\n" : "") + ctx.T($"未签到:{string.Join("、", missing)}", $"Not signed in: {string.Join(", ", missing)}"));
        await ctx.SendTextAsync(string.Join("\n", lines));
    }
}
