namespace ChatBot.Storage.Reminders;

public enum OutboxStatus { Pending, Sent, Dead }
