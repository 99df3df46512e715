using LiteDB;

namespace ChatBot.Storage.Study;

public enum StudySignInMethod
{
    /// <summary>签到, typed or from a card.</summary>
    SelfSignIn,
    /// <summary>自动签到(会议): present in the Teams meeting for at least the required share of the session.</summary>
    Meeting,
}
