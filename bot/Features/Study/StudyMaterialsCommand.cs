using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Cards.Help;
using ChatBot.Cards.Study;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Study;

namespace ChatBot.Bot.Features.Study;

/// <summary>
/// 学法材料 3 [2026-04-03] 链接或提纲 / study materials …: the presenter's outline or materials link for one occurrence
/// (the next one when no date is given). The presenter reminder's button opens a small form whose submit comes here.
/// Giving them stops the second reminder and the note to the organiser.
/// </summary>
internal sealed class StudyMaterialsCommand(StudyStore store) : IBotCommand
{
    public const int MaxLength = 2000;

    public IReadOnlyList<string> Aliases => ["学法材料", "学法提纲", "study materials", "study outline"];
    public IReadOnlyList<string> Verbs => [StudyCards.MaterialsVerb];
    public IEnumerable<CommandHelp> Help => [new("学法", "Law study", "学法材料 编号 [日期] 链接或提纲", "study materials <no.> [date] <link or outline>", "主讲人提交某次学法的提纲或材料链接", "The presenter gives the outline or materials link of a session", 24)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        const string usageZh = "请写明编号和材料,例如“学法材料 3 https://…”或“学法材料 3 2026-04-03 一、宪法的地位…”。";
        const string usageEn = "Please give the number and the materials, e.g. \"study materials 3 https://…\" or \"study materials 3 2026-04-03 <outline>\".";
        StudyOccurrence? occurrence;
        string? materials;
        if (args.Data is not null)
        {
            if (await StudyOccurrenceArgs.ResolveAsync(ctx, store, args, usageZh, usageEn) is not { } found) return;
            occurrence = found.Occurrence;
            materials = args.Field("materials")?.Trim();
            if (materials is null)
            {
                await ctx.SendCardAsync(StudyCards.MaterialsForm(ctx.Lang, occurrence));
                return;
            }
        }
        else
        {
            var parts = Recognizers.ToHalfWidth(args.Text).Trim().TrimStart('#').Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || !int.TryParse(parts[0].TrimStart('#'), out var id))
            {
                await ctx.SendTextAsync(ctx.T(usageZh, usageEn));
                return;
            }
            if (store.Get(ctx.Workspace.Id, id) is not { } session)
            {
                await ctx.SendTextAsync(ctx.T($"没有找到编号为 {id} 的学法活动。输入“学法安排”查看编号。", $"There is no study session #{id}. Type \"study sessions\" to see the numbers."));
                return;
            }
            if (Recognizers.TryParseDate(parts[1], ctx.Today, out var date))
            {
                occurrence = StudyCalendar.Find(session, date, ctx.TimeZone);
                materials = parts.ElementAtOrDefault(2);
                if (occurrence is null)
                {
                    await ctx.SendTextAsync(ctx.T($"学法活动 #{id} 在 {ctx.Lang.Date(date)} 没有安排。", $"Study session #{id} has no occurrence on {date:yyyy-MM-dd}."));
                    return;
                }
            }
            else
            {
                occurrence = StudySchedule.Between(session, ctx.Now, ctx.Now.AddYears(1), ctx.TimeZone).FirstOrDefault(o => !o.Cancelled);
                // The text after the number, line breaks kept: an outline is often several lines.
                materials = AfterNumber(PastedText.AfterCommand(PastedText.Of(ctx), Aliases), parts[0]);
                if (occurrence is null)
                {
                    await ctx.SendTextAsync(ctx.T($"学法活动 #{id} 没有待举办的场次。", $"Study session #{id} has nothing coming up."));
                    return;
                }
            }
        }
        if (string.IsNullOrWhiteSpace(materials))
        {
            await ctx.SendTextAsync(ctx.T(usageZh, usageEn));
            return;
        }
        if (materials.Length > MaxLength)
        {
            await ctx.SendTextAsync(ctx.T($"材料最多{MaxLength}个字;较长的材料请发链接。", $"At most {MaxLength} characters; please send a link for longer materials."));
            return;
        }
        var s = occurrence.Session;
        var when = StudyText.When(ctx.Lang, occurrence);
        if (occurrence.Cancelled)
        {
            await ctx.SendTextAsync(ctx.T($"{when} 的“{s.Title}”已取消。", $"\"{s.Title}\" on {when} is cancelled."));
            return;
        }
        var isLink = StudyCards.IsWebLink(materials);
        // Changed as stored now (another instance may have changed the session since it was read).
        store.Change(s.WorkspaceId, s.Id, stored =>
        {
            var entry = stored.MaterialsOn(occurrence.Date);
            if (entry is null) stored.OccurrenceMaterials.Add(entry = new StudyOccurrenceMaterials { Date = occurrence.Date });
            entry.Link = isLink ? materials : null;
            entry.Text = isLink ? null : materials;
            entry.ByName = ctx.UserName.Length > 0 ? ctx.UserName : null;
            entry.AtUtc = ctx.Now;
            stored.UpdatedUtc = ctx.Now;
            return new AuditEntry
            {
                Action = "study.materials", UserKey = ctx.UserKey, UserName = ctx.UserName, AtUtc = ctx.Now,
                Details = $"{occurrence.Date:yyyy-MM-dd}: {(isLink ? materials : $"{materials.Length} characters")}",
            };
        });
        var reply = ctx.T($"已收到“{s.Title}”({when})的学法材料,会显示在学法安排和提醒中。", $"Materials saved for \"{s.Title}\" ({when}); they show in the session list and the reminders.");
        if (ctx.CardId is not null)
            await ctx.CloseClickedCardAsync(new AdaptiveCard().Add(TextBlock.Heading(ctx.T("学法材料已提交", "Materials given")), new TextBlock($"#{s.Id} {s.Title} · {when}")));
        await ctx.SendTextAsync(reply);
    }

    private static string AfterNumber(string text, string number)
    {
        var t = Recognizers.ToHalfWidth(text.TrimStart()).TrimStart('#');
        return t.StartsWith(number.TrimStart('#'), StringComparison.Ordinal) ? t[number.TrimStart('#').Length..].Trim() : t.Trim();
    }
}
