using LiteDB;

namespace ChatBot.Storage.Mediation;

/// <summary>调解状态: 受理 → 调解中 → 调解成功 / 调解不成功 / 已移交.</summary>
public enum MediationStatus { Accepted, InProgress, Succeeded, Failed, Referred }
