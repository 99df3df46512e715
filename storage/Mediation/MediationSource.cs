using LiteDB;

namespace ChatBot.Storage.Mediation;

/// <summary>
/// How a dispute came to the mediation committee (来源), as the statistics count it: 当事人申请, 主动调解(排查发现), and
/// the four kinds of 委托移送. Records written before these existed said "Referral" for all four; migration 1000 maps
/// them to <see cref="OtherDepartment"/>.
/// </summary>
public enum MediationSource { Application, Screening, Police, Court, Government, OtherDepartment }
