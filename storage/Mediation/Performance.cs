using LiteDB;

namespace ChatBot.Storage.Mediation;

/// <summary>协议履行情况 noted at a follow-up visit (已履行 / 部分履行 / 未履行). "InProgress" of older records is mapped to
/// <see cref="PartlyFulfilled"/> by migration 1000.</summary>
public enum Performance { Fulfilled, PartlyFulfilled, NotFulfilled, NotApplicable }
