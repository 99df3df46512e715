using System.Text.RegularExpressions;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Cards.Help;
using ChatBot.Cards.Study;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Study;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.Study;

/// <summary>
/// 录入成绩 1 2026-04-03 王小明 95、李娜 88、张三 缺考 / exam score …: the scores of one exam that has started, a whole
/// list at once (one per line works too, as pasted from a sheet). "补考" records each name's next sitting, "第2次" a
/// given one; without either it is the first sitting, and recording a name again corrects it. Scores on a make-up
/// session count as further sittings of the exam it repeats. With no text it shows a form card. All are saved or none.
/// </summary>
internal sealed partial class RecordExamScoresCommand(StudyStore store, IOptions<StudyOptions> options) : IBotCommand
{
    public const string Verb = "study.scores";
    private static readonly char[] Separators = [',', ',', '、', ';', ';', '\n'];

    public IReadOnlyList<string> Aliases => ["录入成绩", "记录成绩", "学法成绩", "考试成绩", "exam score", "exam scores", "record scores"];
    public IReadOnlyList<string> Verbs => [Verb];
    public IEnumerable<CommandHelp> Help => [new("学法", "Law study", "录入成绩 编号 日期 [补考] 姓名 分数、…", "exam score <no.> <date> [make-up] <name> <score>, …", "成批录入学法考试成绩(最多3次,取最高)", "Record exam scores for a list of people", 26)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        const string usageZh = "请按“录入成绩 编号 日期 姓名 分数、姓名 分数”输入,例如“录入成绩 1 2026-04-03 王小明 95、李娜 88、张三 缺考”(补考成绩在日期后加“补考”)。";
        const string usageEn = "Please write \"exam score <no.> <date> <name> <score>, <name> <score>\", e.g. \"exam score 1 2026-04-03 Wang 95, Li 88, Zhang absent\" (add \"make-up\" after the date for a make-up sitting).";
        var grading = options.Value.Grading;
        if (args.Data is null && args.Text.Length == 0)
        {
            var exams = StudyCalendar.Between(store.InWorkspace(ctx.Workspace.Id), ctx.Now.AddDays(-120), ctx.Now, ctx.TimeZone)
                .Where(o => !o.Cancelled && o.Session.Format == StudyFormat.Exam).OrderByDescending(o => o.StartUtc).Take(20).ToList();
            if (exams.Count == 0 || !ctx.Capabilities.AdaptiveCards)
            {
                await ctx.SendTextAsync(ctx.T(usageZh, usageEn));
                return;
            }
            await ctx.SendCardAsync(StudyCards.ScoresForm(ctx.Lang, exams, grading.MaxAttempts), ctx.T("录入考试成绩", "Record exam scores"));
            return;
        }

        // A pasted list may start on the next line: "录入成绩 1 2026-04-03\n王小明 95\n李娜 88".
        var text = Regex.Replace(args.Text, @"\s*\n\s*", " 、");
        // The form's choice is "{session} {date}", as typed.
        var resolvedArgs = args.Data is not null ? new CommandArgs(args.Field("occurrence") ?? "", null) : args with { Text = text };
        if (await StudyOccurrenceArgs.ResolveAsync(ctx, store, resolvedArgs, usageZh, usageEn) is not { } found) return;
        var (session, occurrence, rest) = found;
        if (args.Data is not null) rest = (args.Field("attempt") == "makeup" ? "补考 " : "") + Regex.Replace(args.Field("scores") ?? "", @"\s*\n\s*", "、");
        if (occurrence.Cancelled || occurrence.StartUtc > ctx.Now)
        {
            await ctx.SendTextAsync(occurrence.Cancelled
                ? ctx.T("这一次学法已取消,不能记录成绩。", "That session was cancelled; no scores can be recorded.")
                : ctx.T("这一次学法还没开始,开始后才能记录成绩。", "That session has not started yet; scores can be recorded once it has."));
            return;
        }

        // The sitting: a make-up session's scores are further sittings of the exam it repeats.
        var examSession = session;
        var examDate = occurrence.Date;
        var makeUp = false;
        int? fixedAttempt = null;
        if (session.MakeUpOfSessionId is { } of && session.MakeUpOfDate is { } ofDate && store.Get(ctx.Workspace.Id, of) is { } original)
        {
            (examSession, examDate, makeUp) = (original, ofDate, true);
        }
        var head = AttemptWord().Match(rest);
        if (head.Success)
        {
            if (head.Groups["n"].Success)
            {
                var n = Recognizers.TryParseNumber(head.Groups["n"].Value, out var v) ? (int)v : 0;
                if (n < 1 || n > grading.MaxAttempts)
                {
                    await ctx.SendTextAsync(ctx.T($"每次考试最多考{grading.MaxAttempts}次,“第{head.Groups["n"].Value}次”不在其中。没有保存。",
                        $"An exam can be sat at most {grading.MaxAttempts} times; attempt {head.Groups["n"].Value} is not one of them. Nothing was saved."));
                    return;
                }
                fixedAttempt = n;
            }
            else makeUp = true;
            rest = rest[head.Length..];
        }

        var existing = store.ScoresOf(ctx.Workspace.Id).Where(s => s.SessionId == examSession.Id && s.OccurrenceDate == examDate).ToList();
        var scores = new List<StudyExamScore>();
        var absent = new List<string>();
        var problems = new List<string>();
        var full = new List<string>();
        // Chat clients may turn a pasted list's line breaks into spaces: "王小明 95 李娜 88" is two items.
        var items = rest.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .SelectMany(i => PairBoundary().Split(i)).Select(i => i.Trim()).Where(i => i.Length > 0);
        foreach (var item in items)
        {
            if (AbsentItem().Match(item) is { Success: true } a)
            {
                absent.Add(a.Groups["name"].Value.Trim());
                continue;
            }
            var m = NameScore().Match(item);
            if (!m.Success || !Recognizers.TryParseNumber(m.Groups["score"].Value, out var score) || score is < 0 or > 100)
            {
                problems.Add(item);
                continue;
            }
            var name = m.Groups["name"].Value.Trim();
            var sat = existing.Where(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)).Select(s => s.Attempt).DefaultIfEmpty(0).Max();
            var attempt = fixedAttempt ?? (makeUp ? Math.Max(sat + 1, 1) : 1);
            if (attempt > grading.MaxAttempts)
            {
                full.Add(name);
                continue;
            }
            scores.Add(new StudyExamScore
            {
                WorkspaceId = ctx.Workspace.Id, SessionId = examSession.Id, OccurrenceDate = examDate, Name = name, Attempt = attempt,
                Score = score, RecordedBy = ctx.UserKey, RecordedUtc = ctx.Now,
            });
        }
        if (problems.Count > 0 || full.Count > 0 || scores.Count + absent.Count == 0)
        {
            var which = problems.Count > 0 ? ctx.T($"没看懂:{string.Join("、", problems)}(分数应为0–100)。", $"Couldn't read: {string.Join(", ", problems)} (scores are 0–100). ") : "";
            if (full.Count > 0)
                which += ctx.T($"{string.Join("、", full)}已考满{grading.MaxAttempts}次。", $"{string.Join(", ", full)} already sat it {grading.MaxAttempts} times. ");
            await ctx.SendTextAsync(which + ctx.T("没有保存。" + usageZh, "Nothing was saved. " + usageEn));
            return;
        }
        // Someone marked absent who was not on the list of expected participants is added to it, so they count as absent.
        store.SaveScores(scores, new AuditEntry
        {
            RecordKey = StudyStore.RecordKey(examSession.Id), WorkspaceId = ctx.Workspace.Id, Action = "study.examScores",
            UserKey = ctx.UserKey, UserName = ctx.UserName, AtUtc = ctx.Now,
            Details = $"{examDate:yyyy-MM-dd}: " + string.Join(", ", scores.Select(s => $"{s.Name} {s.Score} (#{s.Attempt})").Concat(absent.Select(n => $"{n} absent"))),
        }, examSession.Id, absent);

        var lang = ctx.Lang;
        var lines = scores.Select(s => $"{s.Name} {s.Score:0.#}" + (s.Attempt > 1 ? lang.T($"(第{s.Attempt}次)", $" (attempt {s.Attempt})") : "") + " " + StudyLedgerText.GradeName(lang, grading.GradeOf(s.Score)));
        var summary = scores.Count > 0
            ? ctx.T($"已记录“{examSession.Title}”({lang.Date(examDate)}){scores.Count}人的成绩,平均{scores.Average(s => s.Score):0.#}分:",
                $"Recorded {scores.Count} scores for \"{examSession.Title}\" ({examDate:yyyy-MM-dd}); average {scores.Average(s => s.Score):0.#}: ") + string.Join(ctx.T(";", "; "), lines)
            : ctx.T($"“{examSession.Title}”({lang.Date(examDate)})没有新成绩。", $"No new scores for \"{examSession.Title}\" ({examDate:yyyy-MM-dd}).");
        if (absent.Count > 0) summary += ctx.T($"\n缺考:{string.Join("、", absent)}(列入补考名单)。", $"\nAbsent: {string.Join(", ", absent)} (on the make-up list).");
        await ctx.SendTextAsync(summary);
    }

    [GeneratedRegex(@"(?<=\d\s*分?|缺考|未参考|absent)\s+(?=[^\d\s])", RegexOptions.IgnoreCase)]
    private static partial Regex PairBoundary();

    [GeneratedRegex(@"^(?<name>.+?)\s*[::]?\s*(?<score>\d+(?:\.\d+)?)\s*分?$")]
    private static partial Regex NameScore();

    [GeneratedRegex(@"^(?<name>.+?)\s*[::]?\s*(缺考|未参考|absent)$", RegexOptions.IgnoreCase)]
    private static partial Regex AbsentItem();

    [GeneratedRegex(@"^\s*(补考|make-?up|第\s*(?<n>\d+|[一二三四五])\s*次|attempt\s+(?<n>\d+))[\s、,,]*", RegexOptions.IgnoreCase)]
    private static partial Regex AttemptWord();
}
