using ChatBot.Bot.Conversation;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Study;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.Study;

/// <summary>Builds the year's ledger of the turn's workspace, with the configured grading and member names.</summary>
internal sealed class StudyLedgerReader(StudyStore store, WorkspaceStore workspaces, IOptions<StudyOptions> options)
{
    public StudyOptions Options => options.Value;

    public StudyLedgerYear Read(TurnContext ctx, int year) => Read(ctx.Workspace.Id, year, ctx.Now, ctx.TimeZone);

    public StudyLedgerYear Read(string workspaceId, int year, DateTimeOffset nowUtc, TimeZoneInfo zone) =>
        Read(workspaceId, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), nowUtc, zone);

    /// <summary>The ledger over the local days <paramref name="first"/> to <paramref name="last"/> (the report's half-years and quarters).</summary>
    public StudyLedgerYear Read(string workspaceId, DateOnly first, DateOnly last, DateTimeOffset nowUtc, TimeZoneInfo zone)
    {
        var names = workspaces.MembersOf(workspaceId).Where(m => !string.IsNullOrWhiteSpace(m.Name)).ToDictionary(m => m.UserKey, m => m.Name!);
        return StudyLedger.ForPeriod(first, last, store.InWorkspace(workspaceId), store.AttendanceOf(workspaceId), store.ScoresOf(workspaceId),
            nowUtc, zone, options.Value.Grading, names.GetValueOrDefault);
    }

    /// <summary>The name a person goes by in the ledger: the one they signed in with, else their member name.</summary>
    public string NameOf(TurnContext ctx) =>
        ctx.UserName.Length > 0 ? ctx.UserName : workspaces.MemberName(ctx.Workspace.Id, ctx.UserKey) ?? "";
}
