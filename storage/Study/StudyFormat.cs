using LiteDB;

namespace ChatBot.Storage.Study;

/// <summary>How a session is held; the yearly report counts sessions by these.</summary>
public enum StudyFormat
{
    /// <summary>集中学习</summary>
    Centralized,
    /// <summary>以会代训</summary>
    MeetingAsTraining,
    /// <summary>以案释法</summary>
    CaseExplanation,
    /// <summary>专题讲座</summary>
    Lecture,
    /// <summary>网上学法</summary>
    Online,
    /// <summary>考试</summary>
    Exam,
    /// <summary>会前学法: before a meeting (党委会, 常务会 …), short, with a named presenter.</summary>
    PreMeeting,
    /// <summary>旁听庭审</summary>
    CourtHearing,
}
