using System.Text.Json.Nodes;
using ChatBot.Bot.Conversation;
using ChatBot.Cards.Study;
using ChatBot.Storage.Study;

namespace ChatBot.Bot.Features.Study;

/// <summary>Turns the answers of the scheduling form or dialog into a session, or says politely what is wrong.</summary>
internal static class StudySessionDraft
{
    public const int MaxTitle = 100;
    private static readonly char[] NameSeparators = [',', ',', '、', ';', ';', '\n', '\r'];

    /// <param name="preMeetingMinutes">会前学法's length when the time has no end.</param>
    public static (StudySession? Session, List<string> Errors) Build(TurnContext ctx, JsonObject values, int preMeetingMinutes = 30)
    {
        string? V(string key) => values[key] is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;
        var errors = new List<string>();
        var title = V("title");
        var law = V("law");
        if (title is null) errors.Add(ctx.T("请填写主题。", "Please enter a topic."));
        else if (title.Length > MaxTitle) errors.Add(ctx.T($"主题最多{MaxTitle}个字。", $"The topic can have at most {MaxTitle} characters."));
        if (law is null) errors.Add(ctx.T("请填写学习的法律法规。", "Please name the law studied."));
        else if (law.Length > MaxTitle) errors.Add(ctx.T($"法律法规名称最多{MaxTitle}个字。", $"The law's name can have at most {MaxTitle} characters."));
        var format = StudyText.ParseFormat(V("format"));
        if (format is null) errors.Add(ctx.T("请选择学法形式。", "Please choose a format."));

        StudyRule? rule = null;
        var ruleText = V("rule");
        if (ruleText is null) errors.Add(ctx.T("请填写时间,例如“每月第一个周五 15:00”。", "Please say when, e.g. \"first Friday of every month 15:00\"."));
        else if (RuleError(ctx, ruleText, out rule) is { } ruleError) errors.Add(ruleError);

        var meeting = V("meeting");
        var presenter = V("presenter");
        if (format == StudyFormat.PreMeeting)
        {
            if (meeting is null) errors.Add(ctx.T("会前学法请填写所附会议(如党委会、镇长办公会、常务会)。", "A pre-meeting study needs its meeting (e.g. Party committee, mayor's office meeting)."));
            if (presenter is null) errors.Add(ctx.T("会前学法需要主讲人。", "A pre-meeting study needs a presenter."));
            // "会前学法 30 分钟": without an end time it takes the pre-meeting length, not the usual 90 minutes.
            if (rule is not null && !StudyRuleParser.Parse(ruleText!, ctx.Today).EndGiven) rule.DurationMinutes = preMeetingMinutes;
        }
        if (meeting is { Length: > 50 }) errors.Add(ctx.T("会议名称最多50个字。", "The meeting's name can have at most 50 characters."));

        var materials = V("materials");
        if (materials is not null && !StudyCards.IsWebLink(materials))
            errors.Add(ctx.T("学习资料链接应以 http:// 或 https:// 开头。", "The materials link must start with http:// or https://."));

        if (errors.Count > 0) return (null, errors);
        return (new StudySession
        {
            WorkspaceId = ctx.Workspace.Id,
            Title = title!,
            Law = law!,
            Format = format!.Value,
            Presenter = presenter,
            Meeting = format == StudyFormat.PreMeeting ? meeting : null,
            Location = V("location"),
            MaterialsUrl = materials,
            ExpectedParticipants = SplitNames(V("expected")).Select(n => IsSelf(n) && ctx.UserName.Length > 0 ? ctx.UserName : n).Distinct().ToList(),
            Rule = rule!,
            RuleText = ruleText!,
            SeriesStartUtc = ctx.Now,
            ConversationId = ctx.Activity.Conversation?.Id,
            CreatedBy = ctx.UserKey,
            CreatedByName = ctx.UserName.Length > 0 ? ctx.UserName : null,
            CreatedUtc = ctx.Now,
            UpdatedUtc = ctx.Now,
        }, errors);
    }

    /// <summary>Null when the rule reads well and its one-off date is not past; else what to tell the user.</summary>
    public static string? RuleError(TurnContext ctx, string text, out StudyRule? rule)
    {
        var parsed = StudyRuleParser.Parse(text, ctx.Today);
        rule = parsed.Rule;
        if (!parsed.Ok) return ctx.T(parsed.ErrorZh!, parsed.ErrorEn!);
        if (rule!.Kind == StudyRuleKind.Once && StudySchedule.ToUtc(rule.Date!.Value.ToDateTime(rule.Start), ctx.TimeZone) <= ctx.Now)
        {
            var shown = $"{rule.Date:yyyy-MM-dd} {rule.Start:HH:mm}";
            rule = null;
            return ctx.T($"{shown} 已经过去了,请安排以后的时间。", $"{shown} has already passed; please pick a later time.");
        }
        return null;
    }

    /// <summary>"我" / "本人" / "me" on a list of people: the person writing it.</summary>
    public static bool IsSelf(string name) => name is "我" or "本人" || name.Equals("me", StringComparison.OrdinalIgnoreCase);

    public static List<string> SplitNames(string? text) =>
        (text ?? "").Split(NameSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(n => n.Length > 0 && n.Length <= 50).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
