namespace ChatBot.Storage.Study;

/// <summary>One session of the yearly plan as the import understood it (kept in the dialog between preview and 确认).</summary>
public sealed class StudyPlanRow
{
    /// <summary>The row's number in the table as the user sees it (blank lines counted), for messages.</summary>
    public int Row { get; set; }
    public int Month { get; set; }
    public string Title { get; set; } = "";
    public string Law { get; set; } = "";
    public StudyFormat Format { get; set; }
    public string? Meeting { get; set; }
    public string? Presenter { get; set; }
    public string? PresenterUserKey { get; set; }
    public List<string> Expected { get; set; } = new();
    public DateOnly Date { get; set; }
    public TimeOnly Start { get; set; }
    public int Minutes { get; set; }
    /// <summary>The table gave no day: the workspace's usual day was used.</summary>
    public bool DayAssumed { get; set; }

    /// <summary>The key a re-import matches on: year, month and the topic without spaces, punctuation or case.</summary>
    public string Key => KeyOf(Date.Year, Month, Title);

    public static string KeyOf(int year, int month, string title) =>
        $"{year}-{month:00}/{new string(title.Normalize(System.Text.NormalizationForm.FormKC).Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant()}";
}
