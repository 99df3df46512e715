using System.Globalization;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Storage.Mediation;

namespace ChatBot.Cards.Mediation;

/// <summary>The values of the mediation form as entered (card input ids), before validation.</summary>
public sealed class MediationFormValues
{
    public const int PartySlots = 3;
    public string FormId { get; set; } = "";
    public string? ReceivedOn { get; set; }
    public string? Source { get; set; }
    public string? DisputeType { get; set; }
    public string? Village { get; set; }
    /// <summary>Names and phones by position; the card has <see cref="PartySlots"/> slots, the text dialog any number.</summary>
    public string?[] PartyNames { get; set; } = new string?[PartySlots];
    public string?[] PartyPhones { get; set; } = new string?[PartySlots];
    /// <summary>"Person" or "Organisation" (null: a person).</summary>
    public string?[] PartyKinds { get; set; } = new string?[PartySlots];
    public string?[] PartySexes { get; set; } = new string?[PartySlots];
    /// <summary>A birth year ("1980") or an age ("45").</summary>
    public string?[] PartyBirths { get; set; } = new string?[PartySlots];
    public string?[] PartyAddresses { get; set; } = new string?[PartySlots];
    public string?[] PartyRepresentatives { get; set; } = new string?[PartySlots];
    public string? People { get; set; }
    public string? Amount { get; set; }
    public string? Summary { get; set; }
    public string? Mediators { get; set; }
    public string? Status { get; set; }
    public string? AgreementForm { get; set; }
    public bool Major { get; set; }
    public bool Collective { get; set; }
    /// <summary>结案日期 and the agreement, when the case is registered already settled.</summary>
    public ClosingValues Closing { get; set; } = new();

    public static string PartyNameId(int i) => $"party{i + 1}Name";
    public static string PartyPhoneId(int i) => $"party{i + 1}Phone";
    public static string PartyKindId(int i) => $"party{i + 1}Kind";
    public static string PartySexId(int i) => $"party{i + 1}Sex";
    public static string PartyBirthId(int i) => $"party{i + 1}Birth";
    public static string PartyAddressId(int i) => $"party{i + 1}Address";
    public static string PartyRepresentativeId(int i) => $"party{i + 1}Rep";

    /// <summary>Forgets the parties' personal data (for a card re-shown in a group).</summary>
    public void ClearParties()
    {
        PartyNames = new string?[PartySlots];
        PartyPhones = new string?[PartySlots];
        PartyBirths = new string?[PartySlots];
        PartyAddresses = new string?[PartySlots];
        PartyRepresentatives = new string?[PartySlots];
    }

    /// <summary>Reads a card submission (Action.Submit data merged with the inputs).</summary>
    public static MediationFormValues FromSubmit(IReadOnlyDictionary<string, string?> data)
    {
        string? Get(string k) => data.TryGetValue(k, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        var values = new MediationFormValues
        {
            FormId = Get("formId") ?? "",
            ReceivedOn = Get("receivedOn"), Source = Get("source"), DisputeType = Get("disputeType"), Village = Get("village"),
            People = Get("people"), Amount = Get("amount"), Summary = Get("summary"), Mediators = Get("mediators"),
            Status = Get("status"), AgreementForm = Get("agreementForm"),
            Major = Get("major") is "true" or "True", Collective = Get("collective") is "true" or "True",
            Closing = ClosingValues.FromSubmit(data),
        };
        for (var i = 0; i < PartySlots; i++)
        {
            values.PartyNames[i] = Get(PartyNameId(i));
            values.PartyPhones[i] = Get(PartyPhoneId(i));
            values.PartyKinds[i] = Get(PartyKindId(i));
            values.PartySexes[i] = Get(PartySexId(i));
            values.PartyBirths[i] = Get(PartyBirthId(i));
            values.PartyAddresses[i] = Get(PartyAddressId(i));
            values.PartyRepresentatives[i] = Get(PartyRepresentativeId(i));
        }
        return values;
    }
}
