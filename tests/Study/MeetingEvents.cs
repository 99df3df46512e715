using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.Study;

/// <summary>
/// Teams meeting event activities in the shape Teams posts them to the bot in a meeting chat (Teams docs, "Meeting
/// apps APIs": meetingStart/meetingEnd with a PascalCase value, participant join/leave with value.members[].user, the
/// meeting id in channelData.meeting.id). Written for these tests; ids and names are made up.
/// </summary>
internal static class MeetingEvents
{
    public const string Chat = "19:meeting_NzQ2YjYxZDEtZTNiOS00@thread.v2";
    public const string ChatWorkspace = "msteams:tenant-1:" + Chat;
    public const string MeetingId = "MCMxOTptZWV0aW5nX056UTJZall4WkRFdFpUTmlPUzAwQHRocmVhZC52MiMw";

    private static readonly Dictionary<string, string> Names = new() { ["user-1"] = "王小明", ["user-2"] = "李娜", ["user-3"] = "张三", ["user-4"] = "赵六" };

    private static Activity Event(string name, string id, DateTimeOffset at, string valueJson, string meetingId, string chat)
    {
        var a = Activities.Message("", "organizer", chat, "msteams", "groupChat");
        a.Type = ActivityTypes.Event;
        a.Name = "application/vnd.microsoft." + name;
        a.Id = id;
        a.Timestamp = at;
        a.Text = null;
        a.TextFormat = null;
        a.Locale = null;
        a.From = new ChannelAccount { Id = "29:organizer", AadObjectId = "6b9a5f2e-0000-4d2e-9a1f-organizer" };
        a.ChannelData = JsonDocument.Parse($$$"""{"tenant":{"id":"tenant-1"},"source":null,"meeting":{"id":"{{{meetingId}}}"}}""").RootElement.Clone();
        a.Value = JsonDocument.Parse(valueJson).RootElement.Clone();
        return a;
    }

    private static string Utc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");

    public static Activity Start(string id, DateTimeOffset at, string meetingId = MeetingId, string chat = Chat) =>
        Event("meetingStart", id, at, $$"""
            {"MeetingType":"Scheduled","Title":"学法:民法典合同编","Id":"{{meetingId}}","JoinUrl":"https://teams.microsoft.com/l/meetup-join/19%3ameeting_NzQ2/0","StartTime":"{{Utc(at)}}"}
            """, meetingId, chat);

    public static Activity End(string id, DateTimeOffset at, string meetingId = MeetingId, string chat = Chat) =>
        Event("meetingEnd", id, at, $$"""
            {"MeetingType":"Scheduled","Title":"学法:民法典合同编","Id":"{{meetingId}}","JoinUrl":"https://teams.microsoft.com/l/meetup-join/19%3ameeting_NzQ2/0","EndTime":"{{Utc(at)}}"}
            """, meetingId, chat);

    public static Activity Join(string id, DateTimeOffset at, string[] users, string meetingId = MeetingId, string chat = Chat) =>
        Event("meetingParticipantJoin", id, at, Members(users, inMeeting: true), meetingId, chat);

    public static Activity Leave(string id, DateTimeOffset at, string[] users, string meetingId = MeetingId, string chat = Chat) =>
        Event("meetingParticipantLeave", id, at, Members(users, inMeeting: false), meetingId, chat);

    private static string Members(string[] users, bool inMeeting) =>
        "{\"members\":[" + string.Join(",", users.Select(u => $$$"""
            {"user":{"tenantId":"tenant-1","objectId":"aad-{{{u}}}","id":"{{{u}}}","name":"{{{Names[u]}}}","aadObjectId":"aad-{{{u}}}","userPrincipalName":"{{{u}}}@town.example.gov.cn","userRole":"user"},
             "meeting":{"inMeeting":{{{(inMeeting ? "true" : "false")}}},"role":"Attendee"}}
            """)) + "]}";
}
