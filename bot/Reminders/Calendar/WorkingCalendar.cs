using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Bot.Reminders.Calendar;

/// <summary>
/// China's official working days: Monday–Friday, less the public holidays (放假), plus the make-up working days (调休上班)
/// that the State Council announces each year. The announced years ship in china-holidays.json; an admin's file
/// (<see cref="ReminderOptions.HolidayCalendarFile"/>) adds years or corrects dates, its entries winning. For a year
/// with no data the days that are holidays by law on a fixed date (元旦 1 Jan, 劳动节 1–2 May, 国庆节 1–3 Oct,
/// 《全国年节及纪念日放假办法》) still count, the rest falls back to Monday–Friday, and a warning is logged once per year.
/// </summary>
internal sealed class WorkingCalendar
{
    public const string ShippedResource = "ChatBot.Bot.china-holidays.json";

    private readonly Dictionary<DateOnly, CalendarDay> _days = new();
    private readonly HashSet<int> _years = new();
    private readonly ILogger? _logger;
    private readonly ConcurrentDictionary<int, bool> _warned = new();

    /// <summary>A day the calendar says something about: a holiday (not working) or a make-up working day.</summary>
    public sealed record CalendarDay(bool Working, string NameZh, string NameEn);

    /// <param name="documents">Calendar JSON documents in order; a later one's dates replace an earlier one's.</param>
    public WorkingCalendar(IEnumerable<string> documents, ILogger? logger = null)
    {
        _logger = logger;
        foreach (var json in documents) Add(json);
    }

    /// <summary>Monday–Friday and the fixed-date statutory holidays only (no announced year).</summary>
    public static readonly WorkingCalendar WeekendsOnly = new([]);

    /// <summary>The shipped calendar, then the admin's file when one is set. A file that cannot be read is logged and left out.</summary>
    public static WorkingCalendar Load(string? adminFile, ILogger logger)
    {
        var documents = new List<string> { Shipped() };
        if (!string.IsNullOrWhiteSpace(adminFile))
        {
            try
            {
                var text = File.ReadAllText(adminFile);
                new WorkingCalendar([text]); // parse now: a bad file is reported here, not half-applied
                documents.Add(text);
                logger.LogInformation("Holiday calendar: added {File}", adminFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or FormatException)
            {
                logger.LogError(e, "Holiday calendar file {File} could not be read; using the shipped calendar only", adminFile);
            }
        }
        return new WorkingCalendar(documents, logger);
    }

    public static string Shipped()
    {
        using var stream = typeof(WorkingCalendar).Assembly.GetManifestResourceStream(ShippedResource)
            ?? throw new InvalidOperationException($"Embedded resource {ShippedResource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>True when the calendar has the announced arrangement of <paramref name="year"/>.</summary>
    public bool Knows(int year) => _years.Contains(year);

    public IReadOnlyCollection<int> Years => _years;

    public bool IsWorkingDay(DateOnly day)
    {
        if (_days.TryGetValue(day, out var known)) return known.Working;
        if (!_years.Contains(day.Year))
        {
            WarnOnce(day.Year);
            if (FixedDateHoliday(day) is not null) return false;
        }
        return day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>The holiday <paramref name="day"/> is part of (春节, 国庆节…), or null on other days, weekends included.</summary>
    public CalendarDay? Holiday(DateOnly day)
    {
        if (_days.TryGetValue(day, out var known)) return known.Working ? null : known;
        return _years.Contains(day.Year) ? null : FixedDateHoliday(day);
    }

    /// <summary>The make-up working day (调休上班) <paramref name="day"/> is, or null.</summary>
    public CalendarDay? MakeUpWorkday(DateOnly day) => _days.TryGetValue(day, out var known) && known.Working ? known : null;

    /// <summary><paramref name="day"/> itself when it is a working day, else the next one.</summary>
    public DateOnly NextWorkingDay(DateOnly day)
    {
        for (var i = 0; i < 366 && !IsWorkingDay(day); i++) day = day.AddDays(1);
        return day;
    }

    /// <summary>The day <paramref name="workingDays"/> working days after <paramref name="start"/> (0: start itself; negative: before it).</summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        var step = workingDays >= 0 ? 1 : -1;
        var day = start;
        for (var left = Math.Abs(workingDays); left > 0;)
        {
            day = day.AddDays(step);
            if (IsWorkingDay(day)) left--;
        }
        return day;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>; negative when to is before from.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from) return -WorkingDaysBetween(to, from);
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
            if (IsWorkingDay(day)) count++;
        return count;
    }

    /// <summary>
    /// The latest day d with at least <paramref name="workingDays"/> working days after d up to <paramref name="to"/>:
    /// a task due on or before it is that many working days overdue. One walk back instead of a count per task.
    /// </summary>
    public DateOnly LatestDayAtLeast(int workingDays, DateOnly to)
    {
        if (workingDays <= 0) return to;
        // The n-th working day counting back from "to" (inclusive): (d, to] holds n working days exactly when d is before it.
        var nth = IsWorkingDay(to) ? AddWorkingDays(to, -(workingDays - 1)) : AddWorkingDays(to, -workingDays);
        return nth.AddDays(-1);
    }

    private void WarnOnce(int year)
    {
        if (_logger is null || !_warned.TryAdd(year, true)) return;
        _logger.LogWarning("The holiday calendar has no data for {Year}: Monday–Friday are taken as working days, less 元旦, 劳动节 and 国庆节. " +
            "Add the State Council's arrangement for {Year} to the file set in Reminders:HolidayCalendarFile.", year, year);
    }

    private static CalendarDay? FixedDateHoliday(DateOnly day) => (day.Month, day.Day) switch
    {
        (1, 1) => new(false, "元旦", "New Year's Day"),
        (5, 1) or (5, 2) => new(false, "劳动节", "Labour Day"),
        (10, 1) or (10, 2) or (10, 3) => new(false, "国庆节", "National Day"),
        _ => null,
    };

    private void Add(string json)
    {
        var doc = JsonSerializer.Deserialize<CalendarFile>(json, JsonOptions) ?? throw new JsonException("The calendar file is empty.");
        foreach (var (yearText, year) in doc.Years ?? new())
        {
            if (!int.TryParse(yearText, out var y) || y is < 2000 or > 2200) throw new FormatException($"Not a year: \"{yearText}\".");
            _years.Add(y);
            foreach (var h in year.Holidays ?? [])
            {
                var from = Date(h.From);
                var to = string.IsNullOrWhiteSpace(h.To) ? from : Date(h.To);
                if (to < from || to.DayNumber - from.DayNumber > 31) throw new FormatException($"Holiday {h.Name}: {h.From}–{h.To} is not a range of up to a month.");
                for (var d = from; d <= to; d = d.AddDays(1)) _days[d] = new CalendarDay(false, h.Name ?? "", h.NameEn ?? h.Name ?? "");
            }
            foreach (var w in year.Workdays ?? [])
            {
                var name = w.For ?? "";
                _days[Date(w.Date)] = new CalendarDay(true, name, w.ForEn ?? EnglishName(name));
            }
        }
    }

    private static string EnglishName(string zh) => zh switch
    {
        "元旦" => "New Year's Day", "春节" => "Spring Festival", "清明节" => "Qingming Festival", "劳动节" => "Labour Day",
        "端午节" => "Dragon Boat Festival", "中秋节" => "Mid-Autumn Festival", "国庆节" => "National Day", _ => zh,
    };

    private static DateOnly Date(string? s) =>
        DateOnly.TryParseExact(s?.Trim(), "yyyy-MM-dd", out var d) ? d : throw new FormatException($"Not a date (yyyy-MM-dd): \"{s}\".");

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private sealed class CalendarFile
    {
        public Dictionary<string, CalendarYear>? Years { get; set; }
    }

    private sealed class CalendarYear
    {
        public string? Source { get; set; }
        public List<HolidayRange>? Holidays { get; set; }
        public List<MakeUpDay>? Workdays { get; set; }
    }

    private sealed class HolidayRange
    {
        public string? Name { get; set; }
        public string? NameEn { get; set; }
        public string? From { get; set; }
        public string? To { get; set; }
    }

    private sealed class MakeUpDay
    {
        public string? Date { get; set; }
        public string? For { get; set; }
        public string? ForEn { get; set; }
    }
}
