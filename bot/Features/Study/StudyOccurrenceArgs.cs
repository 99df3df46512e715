using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Storage.Study;

namespace ChatBot.Bot.Features.Study;

/// <summary>Finds the session and occurrence a command or button names ("3 2026-04-03" or {sessionId, date}).</summary>
internal static class StudyOccurrenceArgs
{
    /// <summary>The occurrence, or null after telling the user politely what was wrong. <paramref name="rest"/> is the text after the date.</summary>
    public static async Task<(StudySession Session, StudyOccurrence Occurrence, string Remainder)?> ResolveAsync(
        TurnContext ctx, StudyStore store, CommandArgs args, string usageZh, string usageEn)
    {
        string? idText, dateText, rest = "";
        if (args.Data is not null)
        {
            idText = args.Field("sessionId");
            dateText = args.Field("date");
        }
        else
        {
            var parts = Recognizers.ToHalfWidth(args.Text).Trim().TrimStart('#').Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            idText = parts.ElementAtOrDefault(0)?.TrimStart('#');
            dateText = parts.ElementAtOrDefault(1);
            rest = parts.ElementAtOrDefault(2) ?? "";
        }
        if (!int.TryParse(idText, out var id) || dateText is null || !Recognizers.TryParseDate(dateText, ctx.Today, out var date))
        {
            await ctx.SendTextAsync(ctx.T(usageZh, usageEn));
            return null;
        }
        if (store.Get(ctx.Workspace.Id, id) is not { } session)
        {
            await ctx.SendTextAsync(ctx.T($"没有找到编号为 {id} 的学法活动。输入“学法安排”查看编号。", $"There is no study session #{id}. Type \"study sessions\" to see the numbers."));
            return null;
        }
        if (StudyCalendar.Find(session, date, ctx.TimeZone) is not { } occurrence)
        {
            await ctx.SendTextAsync(ctx.T($"学法活动 #{id} 在 {ctx.Lang.Date(date)} 没有安排。", $"Study session #{id} has no occurrence on {date:yyyy-MM-dd}."));
            return null;
        }
        return (session, occurrence, rest);
    }
}
