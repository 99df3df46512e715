namespace ChatBot.Bot.Reminders.Leadership;

/// <summary>One process on its own database (LiteDB): nobody else runs reminders, so it always leads.</summary>
internal sealed class LocalLeadership : IReminderLeadership
{
    public bool TryLead() => true;
}
