namespace ChatBot.Storage.Study;

/// <summary>One stay of one participant in a meeting: joined, and left (null while still in it).</summary>
public sealed class StudyMeetingPresence
{
    public string UserKey { get; set; } = "";
    public string? Name { get; set; }
    public DateTimeOffset JoinedUtc { get; set; }
    public DateTimeOffset? LeftUtc { get; set; }
}
