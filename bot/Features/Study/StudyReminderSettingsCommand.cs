using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Cards.Help;
using ChatBot.Storage.Conversations;

namespace ChatBot.Bot.Features.Study;

/// <summary>
/// 学法提醒设置 [前一天时间|off] [提前分钟|off] / study reminders …: shows or changes this workspace's reminder times
/// (Workspace.Settings study.remindDayBeforeAt, study.remindBeforeMinutes). Only the workspace's admins, if it has any.
/// </summary>
internal sealed class StudyReminderSettingsCommand(WorkspaceStore workspaces, AuditLog audit) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["学法提醒设置", "学法提醒", "study reminders", "study reminder settings"];
    public IEnumerable<CommandHelp> Help => [new("学法", "Law study", "学法提醒设置 16:00 60", "study reminders 16:00 60", "设置提前一天的提醒时间和开始前几分钟提醒", "Set the day-before time and minutes-before reminder", 27)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        var workspace = workspaces.Get(ctx.Workspace.Id) ?? ctx.Workspace;
        var parts = Recognizers.ToHalfWidth(args.Text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            await ctx.SendTextAsync(Describe(ctx, StudyReminderSettings.From(workspace.Settings)) + "\n" +
                ctx.T("修改:“学法提醒设置 16:00 60”(前一天16:00,开始前60分钟);写 off 关闭某项。", "Change: \"study reminders 16:00 60\" (16:00 the day before, 60 minutes before); \"off\" turns one off."));
            return;
        }
        if (!workspace.IsAdmin(ctx.UserKey))
        {
            await ctx.SendTextAsync(ctx.T("只有本群的管理员可以修改提醒设置。", "Only this group's admins can change the reminder settings."));
            return;
        }
        var dayBefore = parts[0].Trim();
        var minutes = parts.ElementAtOrDefault(1)?.Trim().TrimEnd('分', '钟').Replace("min", "");
        var dayBeforeOk = IsOff(dayBefore) || Recognizers.TryParseTime(dayBefore, out _);
        var minutesOk = minutes is null || IsOff(minutes) || int.TryParse(minutes, out var n) && n is > 0 and <= 1440;
        if (!dayBeforeOk || !minutesOk)
        {
            await ctx.SendTextAsync(ctx.T("没看懂设置,请写成“学法提醒设置 16:00 60”,分钟数为1–1440,或写 off。", "I couldn't read that; please write \"study reminders 16:00 60\" (minutes 1–1440), or \"off\"."));
            return;
        }
        workspace = workspaces.Update(workspace, w =>
        {
            w.Settings[StudyReminderSettings.DayBeforeKey] = IsOff(dayBefore) ? "off" : Normalise(dayBefore);
            if (minutes is not null) w.Settings[StudyReminderSettings.MinutesBeforeKey] = IsOff(minutes) ? "off" : int.Parse(minutes).ToString();
        });
        ctx.Workspace = workspace;
        audit.Write(new AuditEntry
        {
            RecordKey = $"workspaces/{workspace.Id}", WorkspaceId = workspace.Id, Action = "study.reminderSettings", UserKey = ctx.UserKey, UserName = ctx.UserName, AtUtc = ctx.Now,
            Details = $"{workspace.Settings.GetValueOrDefault(StudyReminderSettings.DayBeforeKey)} / {workspace.Settings.GetValueOrDefault(StudyReminderSettings.MinutesBeforeKey)}",
        });
        await ctx.SendTextAsync(ctx.T("已保存。", "Saved. ") + Describe(ctx, StudyReminderSettings.From(workspace.Settings)));
    }

    private static string Describe(TurnContext ctx, StudyReminderSettings s) =>
        ctx.T($"学法提醒:前一天 {(s.DayBeforeAt is { } d ? d.ToString("HH:mm") : "不提醒")};开始前 {(s.MinutesBefore is { } m ? $"{m} 分钟" : "不提醒")}。",
              $"Study reminders: the day before at {(s.DayBeforeAt is { } d2 ? d2.ToString("HH:mm") : "off")}; {(s.MinutesBefore is { } m2 ? $"{m2} minutes" : "off")} before the start.");

    private static string Normalise(string time) => Recognizers.TryParseTime(time, out var t) ? t.ToString("HH:mm") : time;

    private static bool IsOff(string s) => s.ToLowerInvariant() is "off" or "关闭" or "不提醒" or "0";
}
