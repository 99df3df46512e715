namespace ChatBot.Storage.Study;

/// <summary>Who must sit a make-up (补考): failed with sittings left, or absent.</summary>
public sealed record StudyMakeUpEntry(StudyOccurrence Exam, string Name, double? Counted, int Attempts);
