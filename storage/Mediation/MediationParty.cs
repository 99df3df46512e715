using LiteDB;

namespace ChatBot.Storage.Mediation;

public sealed class MediationParty
{
    public MediationParty() { }
    public MediationParty(string name, string? phone = null) { Name = name; Phone = phone; }
    public string Name { get; set; } = "";
    public string? Phone { get; set; }
    /// <summary>自然人, or 法人/其他组织 (then <see cref="Representative"/> names who acts for it).</summary>
    public PartyKind Kind { get; set; }
    public PartySex? Sex { get; set; }
    /// <summary>出生年份; entered as "1980年" or as an age ("45岁", counted back from the year of registration).</summary>
    public int? BirthYear { get; set; }
    public string? Address { get; set; }
    /// <summary>法定代表人/负责人 of an organisation.</summary>
    public string? Representative { get; set; }
}
