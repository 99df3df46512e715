using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;
using ChatBot.Cards.Study;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Study;

namespace ChatBot.Bot.Features.Study;

/// <summary>
/// 签到 / sign in, typed or from the reminder card's button: records once per person per occurrence, from 30 minutes
/// before the start until the end. Too early, too late, a cancelled one or a second sign-in is answered politely.
/// </summary>
internal sealed class StudySignInCommand(StudyStore store) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["签到", "学法签到", "sign in", "signin", "check in"];
    public IReadOnlyList<string> Verbs => [StudyCards.SignInVerb];
    public IEnumerable<CommandHelp> Help => [new("学法", "Law study", "签到", "sign in", "学法活动签到(开始前30分钟至结束)", "Sign in to the current study session", 24)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        var occurrence = args.Data is not null ? await FromButtonAsync(ctx, args) : await CurrentAsync(ctx);
        if (occurrence is null) return;
        var session = occurrence.Session;
        switch (StudyCalendar.WindowAt(occurrence, ctx.Now))
        {
            case SignInWindow.Cancelled:
                await ctx.SendTextAsync(ctx.T($"“{session.Title}”这一次已取消,无需签到。", $"This \"{session.Title}\" session was cancelled; no sign-in needed."));
                return;
            case SignInWindow.TooEarly:
                var opens = StudySchedule.ToLocal(occurrence.StartUtc - StudyCalendar.SignInOpensBefore, ctx.TimeZone);
                await ctx.SendTextAsync(ctx.T($"“{session.Title}”将于 {StudyText.When(ctx.Lang, occurrence)} 举行,签到从 {opens:HH:mm} 开始,请届时再来签到。",
                    $"\"{session.Title}\" is on {StudyText.When(ctx.Lang, occurrence)}; sign-in opens at {opens:HH:mm}. Please sign in then."));
                return;
            case SignInWindow.Closed:
                await ctx.SendTextAsync(ctx.T($"抱歉,“{session.Title}”已于 {occurrence.LocalEnd:HH:mm} 结束,签到已关闭。如确实参加了,请联系组织人员补记。",
                    $"Sorry, \"{session.Title}\" ended at {occurrence.LocalEnd:HH:mm} and sign-in is closed. If you did attend, please ask the organiser to note it."));
                return;
        }

        var attendance = new StudyAttendance
        {
            WorkspaceId = ctx.Workspace.Id, SessionId = session.Id, OccurrenceDate = occurrence.Date,
            UserKey = ctx.UserKey, UserName = ctx.UserName.Length > 0 ? ctx.UserName : null, SignedInUtc = ctx.Now,
        };
        if (!store.TrySignIn(attendance, out var existing))
        {
            var at = StudySchedule.ToLocal(existing.SignedInUtc, ctx.TimeZone);
            var who = ctx.UserName.Length > 0 ? ctx.T($"{ctx.UserName},", $"{ctx.UserName}, ") : "";
            await ctx.SendTextAsync(ctx.T($"{who}您已于 {at:HH:mm} 签到过“{session.Title}”,无需重复签到。",
                $"{who}you already signed in to \"{session.Title}\" at {at:HH:mm}; no need to do it again."));
            return;
        }
        var count = store.AttendanceOf(ctx.Workspace.Id, session.Id, occurrence.Date).Count;
        var expected = session.ExpectedParticipants.Count > 0 ? ctx.T($"/应到{session.ExpectedParticipants.Count}人", $" of {session.ExpectedParticipants.Count} expected") : "";
        var time = StudySchedule.ToLocal(ctx.Now, ctx.TimeZone);
        var signedIn = ctx.UserName.Length > 0
            ? ctx.T($"{ctx.UserName} 签到成功({time:HH:mm})。", $"{ctx.UserName} signed in ({time:HH:mm}). ")
            : ctx.T($"签到成功({time:HH:mm})。", $"You are signed in ({time:HH:mm}). ");
        // Asked once, where it matters: a nameless sign-in would show on the list as a time without a name.
        var askName = ctx.UserName.Length > 0 ? "" : ctx.T("\n我还不知道您的称呼:回复“我叫 王小明”,签到名单上就会显示您的名字。",
            "\nI don't know your name yet: reply \"my name is …\" and the sign-in list will show it.");
        await ctx.SendTextAsync(signedIn + ctx.T($"“{session.Title}”已签到{count}人{expected}。", $"\"{session.Title}\": {count} signed in{expected}.") + askName);
    }

    private async Task<StudyOccurrence?> FromButtonAsync(TurnContext ctx, CommandArgs args)
    {
        var found = await StudyOccurrenceArgs.ResolveAsync(ctx, store, args,
            "这张签到卡片缺少活动信息,请直接发送“签到”。", "This sign-in card lacks the session details; please just type \"sign in\".");
        return found?.Occurrence;
    }

    /// <summary>The occurrence open for sign-in now; else the next one today or soon (to say when it opens), else none.</summary>
    private async Task<StudyOccurrence?> CurrentAsync(TurnContext ctx)
    {
        var sessions = store.InWorkspace(ctx.Workspace.Id);
        var around = StudyCalendar.Between(sessions, ctx.Now.AddDays(-1), ctx.Now.AddDays(7), ctx.TimeZone).Where(o => !o.Cancelled).ToList();
        var open = around.FirstOrDefault(o => StudyCalendar.WindowAt(o, ctx.Now) == SignInWindow.Open);
        if (open is not null) return open;
        var next = around.FirstOrDefault(o => o.StartUtc > ctx.Now);
        if (next is not null) return next;
        var justEnded = around.LastOrDefault(o => o.EndUtc < ctx.Now && o.EndUtc > ctx.Now.AddHours(-12));
        if (justEnded is not null) return justEnded;
        await ctx.SendTextAsync(ctx.T("现在没有可以签到的学法活动。输入“学法安排”查看安排。", "There is no study session to sign in to now. Type \"study sessions\" to see what's planned."));
        return null;
    }
}
