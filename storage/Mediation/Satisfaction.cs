namespace ChatBot.Storage.Mediation;

/// <summary>当事人满意度 recorded at a 回访.</summary>
public enum Satisfaction { Satisfied, FairlySatisfied, Dissatisfied }
