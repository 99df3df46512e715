using LiteDB;

namespace ChatBot.Storage.Study;

public enum StudyOccurrenceStatus { Scheduled, Held, Cancelled }
