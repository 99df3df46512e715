using ChatBot.Bot.Conversation;
using ChatBot.Storage.Conversations;

namespace ChatBot.Bot.Reminders;

/// <summary>
/// When a workspace may be reminded: its time zone, its daily reminder time, its quiet hours and its working days
/// (Monday–Friday; China's make-up working days 调休 and public holidays are not modelled: on such days reminders
/// follow the ordinary weekday rule).
/// </summary>
internal sealed class WorkspaceSchedule
{
    public const string ReminderTimeKey = "tasks.reminderTime";
    public const string QuietHoursKey = "quietHours";

    public WorkspaceSchedule(Workspace workspace, ReminderOptions defaults)
    {
        TimeZone = TimeZones.Find(workspace.TimeZone);
        ReminderTime = ParseTime(workspace.Settings.GetValueOrDefault(ReminderTimeKey)) ?? ParseTime(defaults.ReminderTime) ?? new TimeOnly(9, 0);
        (QuietStart, QuietEnd) = ParseRange(workspace.Settings.GetValueOrDefault(QuietHoursKey))
            ?? ParseRange(defaults.QuietHours) ?? (new TimeOnly(21, 0), new TimeOnly(8, 0));
    }

    public TimeZoneInfo TimeZone { get; }
    public TimeOnly ReminderTime { get; }
    public TimeOnly QuietStart { get; }
    public TimeOnly QuietEnd { get; }

    public DateTimeOffset Local(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, TimeZone);
    public DateOnly Today(DateTimeOffset utc) => DateOnly.FromDateTime(Local(utc).DateTime);

    public static bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    public bool IsQuiet(DateTimeOffset utc)
    {
        if (QuietStart == QuietEnd) return false;
        var t = TimeOnly.FromDateTime(Local(utc).DateTime);
        return QuietStart < QuietEnd ? t >= QuietStart && t < QuietEnd : t >= QuietStart || t < QuietEnd;
    }

    /// <summary>The first instant at or after <paramref name="utc"/> outside quiet hours.</summary>
    public DateTimeOffset NextAllowed(DateTimeOffset utc)
    {
        if (!IsQuiet(utc)) return utc;
        var local = Local(utc);
        var end = local.Date + QuietEnd.ToTimeSpan();
        if (end <= local.DateTime) end = end.AddDays(1);
        return ToUtc(DateOnly.FromDateTime(end), TimeOnly.FromDateTime(end));
    }

    /// <summary>True on a working day at or after the reminder time, outside quiet hours: time to send the day's reminders.</summary>
    public bool IsReminderWindow(DateTimeOffset utc)
    {
        var local = Local(utc);
        return IsWorkingDay(DateOnly.FromDateTime(local.DateTime)) && TimeOnly.FromDateTime(local.DateTime) >= ReminderTime && !IsQuiet(utc);
    }

    public DateTimeOffset ToUtc(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>When the local day ends (reminders of that day expire then).</summary>
    public DateTimeOffset EndOfDayUtc(DateOnly day) => ToUtc(day.AddDays(1), TimeOnly.MinValue);

    public static TimeOnly? ParseTime(string? s) =>
        !string.IsNullOrWhiteSpace(s) && TimeOnly.TryParseExact(s.Trim(), ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"], out var t) ? t : null;

    public static (TimeOnly, TimeOnly)? ParseRange(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        var parts = s.Replace('–', '-').Replace('~', '-').Split('-', StringSplitOptions.TrimEntries);
        if (s.Trim() is "none" or "off" or "无") return (TimeOnly.MinValue, TimeOnly.MinValue);
        return parts.Length == 2 && ParseTime(parts[0]) is { } a && ParseTime(parts[1]) is { } b ? (a, b) : null;
    }
}
