namespace ChatBot.Storage.Mediation;

/// <summary>性别 of a party who is a natural person.</summary>
public enum PartySex { Male, Female }
