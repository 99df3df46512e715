namespace ChatBot.Storage.Mediation;

/// <summary>当事人类别: 自然人, or 法人/其他组织 (acting through a representative).</summary>
public enum PartyKind { Person, Organisation }
