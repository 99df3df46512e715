namespace ChatBot.Cards.Mediation;

/// <summary>The values of the 矛盾纠纷排查 form as entered (card input ids), before validation.</summary>
public sealed class ScreeningFormValues
{
    /// <summary>The card has this many dispute slots; the typed form takes any number (one a line).</summary>
    public const int DisputeSlots = 3;
    public string FormId { get; set; } = "";
    public string? Date { get; set; }
    public string? Village { get; set; }
    public string? ScreenedBy { get; set; }
    /// <summary>零报告 ticked.</summary>
    public bool ZeroReport { get; set; }
    public List<string?> DisputeTypes { get; set; } = [];
    public List<string?> DisputeDescriptions { get; set; } = [];

    public static string TypeId(int i) => $"dispute{i + 1}Type";
    public static string DescriptionId(int i) => $"dispute{i + 1}Text";

    /// <summary>Reads a card submission (Action.Submit data merged with the inputs).</summary>
    public static ScreeningFormValues FromSubmit(Func<string, string?> field)
    {
        string? Get(string k) => field(k) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        var values = new ScreeningFormValues
        {
            FormId = Get("formId") ?? "", Date = Get("date"), Village = Get("village"), ScreenedBy = Get("screenedBy"),
            ZeroReport = Get("zeroReport") is "true" or "True",
        };
        for (var i = 0; i < DisputeSlots; i++)
        {
            values.DisputeTypes.Add(Get(TypeId(i)));
            values.DisputeDescriptions.Add(Get(DescriptionId(i)));
        }
        return values;
    }
}
