using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;

namespace ChatBot.Bot.Features.Study;

/// <summary>
/// A Teams meeting event activity as the bot receives it in the meeting chat: type "event", name
/// application/vnd.microsoft.meetingStart|meetingEnd|meetingParticipantJoin|meetingParticipantLeave, the meeting id in
/// channelData.meeting.id (meetingStart/End also carry it as value.Id), StartTime/EndTime in value, and for participant
/// events value.members[].user {id, name}.
/// </summary>
internal sealed record StudyMeetingEvent(StudyMeetingEvent.Kind What, string MeetingId, DateTimeOffset At, IReadOnlyList<(string Id, string? Name)> Members)
{
    internal enum Kind { Start, End, Join, Leave }

    private const string Prefix = "application/vnd.microsoft.";

    public static StudyMeetingEvent? Read(Activity a, DateTimeOffset now)
    {
        if (a.Type != ActivityTypes.Event || a.ChannelId != "msteams" || a.Name is null || !a.Name.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        Kind? what = a.Name[Prefix.Length..] switch
        {
            "meetingStart" => Kind.Start,
            "meetingEnd" => Kind.End,
            "meetingParticipantJoin" => Kind.Join,
            "meetingParticipantLeave" => Kind.Leave,
            _ => null,
        };
        if (what is null) return null;
        var value = a.Value is { ValueKind: JsonValueKind.Object } v ? v : default;
        var id = Property(a.ChannelData, "meeting") is { } m ? Text(m, "id") : null;
        id ??= value.ValueKind == JsonValueKind.Object ? Text(value, "Id") : null;
        if (string.IsNullOrWhiteSpace(id)) return null;
        var at = a.Timestamp ?? now;
        if (what is Kind.Start && Time(value, "StartTime") is { } start) at = start;
        if (what is Kind.End && Time(value, "EndTime") is { } end) at = end;
        var members = new List<(string, string?)>();
        if (Property(value, "members") is { ValueKind: JsonValueKind.Array } list)
            foreach (var member in list.EnumerateArray())
                if (Property(member, "user") is { } user && Text(user, "id") is { Length: > 0 } userId)
                    members.Add((userId, Text(user, "name")));
        return new StudyMeetingEvent(what.Value, id, at, members);
    }

    /// <summary>A property by name, case-insensitively (Teams sends meetingStart's value in PascalCase).</summary>
    private static JsonElement? Property(JsonElement? e, string name)
    {
        if (e is not { ValueKind: JsonValueKind.Object } o) return null;
        foreach (var p in o.EnumerateObject())
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) return p.Value;
        return null;
    }

    private static string? Text(JsonElement e, string name) => Property(e, name) is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;

    private static DateTimeOffset? Time(JsonElement e, string name) =>
        Text(e, name) is { } s && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t) ? t.ToUniversalTime() : null;
}
