using LiteDB;

namespace ChatBot.Storage.Study;

/// <summary>One occurrence of a series changed without touching the series: cancelled, or moved to another local time.</summary>
public sealed class StudyOccurrenceChange
{
    /// <summary>The date the rule gives the occurrence: its identity, even after a move.</summary>
    public DateOnly Date { get; set; }
    public bool Cancelled { get; set; }
    /// <summary>The new local start date and time (workspace time zone), when moved. Kept as date and time rather
    /// than DateTime because LiteDB would read a DateTime back in the server's local zone.</summary>
    public DateOnly? MovedToDate { get; set; }
    public TimeOnly? MovedToTime { get; set; }

    [BsonIgnore]
    public DateTime? MovedToLocal
    {
        get => MovedToDate is { } d && MovedToTime is { } t ? d.ToDateTime(t) : null;
        set { MovedToDate = value is { } v ? DateOnly.FromDateTime(v) : null; MovedToTime = value is { } w ? TimeOnly.FromDateTime(w) : null; }
    }
}
