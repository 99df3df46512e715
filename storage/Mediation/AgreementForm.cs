using LiteDB;

namespace ChatBot.Storage.Mediation;

/// <summary>协议形式 of a successful mediation.</summary>
public enum AgreementForm { Oral, Written }
