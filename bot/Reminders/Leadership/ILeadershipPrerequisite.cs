namespace ChatBot.Bot.Reminders.Leadership;

/// <summary>
/// Something an instance must have before it may run the reminders among several instances: the reminders it sends
/// can only go out through it (the WeCom smart robot's long connection, held by one instance).
/// </summary>
internal interface ILeadershipPrerequisite
{
    /// <summary>True when this instance has it now (no round trip: asked before every leadership check).</summary>
    bool IsMet { get; }

    /// <summary>Why an instance without it hands the reminders over (for the log).</summary>
    string Reason { get; }
}
