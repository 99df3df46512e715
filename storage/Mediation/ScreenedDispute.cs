namespace ChatBot.Storage.Mediation;

/// <summary>A dispute found in a screening round (排查发现的矛盾纠纷): a short description and its type.</summary>
public sealed class ScreenedDispute
{
    public string Description { get; set; } = "";
    public DisputeType Type { get; set; }
}
