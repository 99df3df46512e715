using ChatBot.Bot.Conversation;
using ChatBot.Bot.Reminders.Calendar;
using ChatBot.Storage.Conversations;

namespace ChatBot.Bot.Reminders;

/// <summary>
/// When a workspace may be reminded: its time zone, its daily reminder time, its quiet hours and its working days
/// (China's official calendar: <see cref="WorkingCalendar"/>, public holidays off and 调休 make-up days on).
/// </summary>
internal sealed class WorkspaceSchedule
{
    public const string ReminderTimeKey = "tasks.reminderTime";
    public const string QuietHoursKey = "quietHours";

    private readonly WorkingCalendar _calendar;

    /// <param name="calendar">The working days; without one, Monday–Friday less the fixed-date statutory holidays.</param>
    public WorkspaceSchedule(Workspace workspace, ReminderOptions defaults, WorkingCalendar? calendar = null)
    {
        _calendar = calendar ?? WorkingCalendar.WeekendsOnly;
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

    public bool IsWorkingDay(DateOnly day) => _calendar.IsWorkingDay(day);

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
