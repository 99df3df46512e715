namespace ChatBot.Storage.Mediation;

/// <summary>延长调解: an extension of the time limit the parties agreed to, with the reason and the new limit.</summary>
public sealed class MediationExtension
{
    public DateOnly RecordedOn { get; set; }
    public string Reason { get; set; } = "";
    public DateOnly NewLimit { get; set; }
    public string RecordedBy { get; set; } = "";
}
