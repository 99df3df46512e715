namespace ChatBot.Storage.Study;

public enum StudyGrade
{
    /// <summary>优秀</summary>
    Excellent,
    /// <summary>良好</summary>
    Good,
    /// <summary>合格</summary>
    Pass,
    /// <summary>不合格</summary>
    Fail,
}
