namespace ChatBot.Storage.Study;

/// <summary>The outline or materials the presenter gave for one occurrence (学法材料): a link, a text, or both.</summary>
public sealed class StudyOccurrenceMaterials
{
    /// <summary>The rule date of the occurrence (its identity, even after a move).</summary>
    public DateOnly Date { get; set; }
    public string? Link { get; set; }
    public string? Text { get; set; }
    public string? ByName { get; set; }
    public DateTimeOffset AtUtc { get; set; }
}
