using System.Text.RegularExpressions;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Cards.Help;
using ChatBot.Cards.Study;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Study;

namespace ChatBot.Bot.Features.Study;

/// <summary>
/// 记录成绩 1 2026-04-03 王小明 95、李娜 88 / exam score …: the exam scores of one occurrence that has started.
/// Recording a name again corrects its score. All names are saved or none.
/// </summary>
internal sealed partial class RecordExamScoresCommand(StudyStore store) : IBotCommand
{
    private static readonly char[] Separators = [',', ',', '、', ';', ';', '\n'];

    public IReadOnlyList<string> Aliases => ["记录成绩", "学法成绩", "exam score", "exam scores"];
    public IEnumerable<CommandHelp> Help => [new("学法", "Law study", "记录成绩 编号 日期 姓名 分数、…", "exam score <no.> <date> <name> <score>, …", "记录学法考试成绩", "Record exam scores", 26)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        const string usageZh = "请按“记录成绩 编号 日期 姓名 分数、姓名 分数”输入,例如“记录成绩 1 2026-04-03 王小明 95、李娜 88”。";
        const string usageEn = "Please write \"exam score <no.> <date> <name> <score>, <name> <score>\", e.g. \"exam score 1 2026-04-03 Wang 95, Li 88\".";
        if (await StudyOccurrenceArgs.ResolveAsync(ctx, store, args, usageZh, usageEn) is not { } found) return;
        var (session, occurrence, rest) = found;
        if (occurrence.Cancelled || occurrence.StartUtc > ctx.Now)
        {
            await ctx.SendTextAsync(occurrence.Cancelled
                ? ctx.T("这一次学法已取消,不能记录成绩。", "That session was cancelled; no scores can be recorded.")
                : ctx.T("这一次学法还没开始,开始后才能记录成绩。", "That session has not started yet; scores can be recorded once it has."));
            return;
        }
        var scores = new List<StudyExamScore>();
        var problems = new List<string>();
        foreach (var item in rest.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var m = NameScore().Match(item);
            if (!m.Success || !Recognizers.TryParseNumber(m.Groups["score"].Value, out var score) || score is < 0 or > 100)
            {
                problems.Add(item);
                continue;
            }
            scores.Add(new StudyExamScore
            {
                WorkspaceId = ctx.Workspace.Id, SessionId = session.Id, OccurrenceDate = occurrence.Date, Name = m.Groups["name"].Value.Trim(),
                Score = score, RecordedBy = ctx.UserKey, RecordedUtc = ctx.Now,
            });
        }
        if (problems.Count > 0 || scores.Count == 0)
        {
            var which = problems.Count > 0 ? ctx.T($"没看懂:{string.Join("、", problems)}(分数应为0–100)。", $"Couldn't read: {string.Join(", ", problems)} (scores are 0–100). ") : "";
            await ctx.SendTextAsync(which + ctx.T("没有保存。" + usageZh, "Nothing was saved. " + usageEn));
            return;
        }
        store.SaveScores(scores, new AuditEntry
        {
            RecordKey = StudyStore.RecordKey(session.Id), WorkspaceId = ctx.Workspace.Id, Action = "study.examScores",
            UserKey = ctx.UserKey, UserName = ctx.UserName, AtUtc = ctx.Now,
            Details = $"{occurrence.Date:yyyy-MM-dd}: " + string.Join(", ", scores.Select(s => $"{s.Name} {s.Score}")),
        });
        await ctx.SendTextAsync(ctx.T($"已记录“{session.Title}”({StudyText.When(ctx.Lang, occurrence)}){scores.Count}人的成绩,平均{scores.Average(s => s.Score):0.#}分。",
            $"Recorded {scores.Count} scores for \"{session.Title}\" ({StudyText.When(ctx.Lang, occurrence)}); average {scores.Average(s => s.Score):0.#}."));
    }

    [GeneratedRegex(@"^(?<name>.+?)\s*[::]?\s*(?<score>\d+(?:\.\d+)?)\s*分?$")]
    private static partial Regex NameScore();
}
