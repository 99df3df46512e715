using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Channels.Teams;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.Teams;

/// <summary>The recorded-shape Teams payloads in tests/Teams/Payloads.</summary>
internal static class TeamsPayloads
{
    public const string Tenant = "5e3c1f0a-9b7d-4c2e-8a61-0f4d2b9c7e13";
    public const string BotId = "28:0b6a4e3c-7d1f-4a5e-9c2b-3f8e1d2a6b70";
    public const string ServiceUrl = "https://smba.trafficmanager.net/apac/";
    public const string GroupChat = "19:8f1c2d3e4a5b46c7d8e9f0a1b2c3d4e5@thread.v2";
    public const string Channel = "19:c3a8f1e2d4b5467a9c0e1f2a3b4c5d6e@thread.tacv2";
    public const string Team = "19:a1b2c3d4e5f6478a9b0c1d2e3f4a5b6c@thread.tacv2";
    public const string Personal = "a:1Hw3Xq9Zr7Vt5Yu3Io1Pa9Sd7Fg5Hj3Kl1Zx9Cv7Bn5Mq3We1Rt9Yu7Io5Pa3Sd1Fg";
    public const string UserId = "29:1kTq3aZ8yWcJ0-hUqk2Xy7nR4VbLm9sPd6oEf5gHi1jKl2mNo3pQr4sTu5vWx6yZ7aB";

    public static string Path(string name) => System.IO.Path.Combine(RepoPaths.Root, "tests", "Teams", "Payloads", name);

    public static string Json(string name) => File.ReadAllText(Path(name));

    /// <summary>The payload as an Activity; <paramref name="freshId"/> gives it a new id so it can be posted twice.</summary>
    public static Activity Load(string name, bool freshId = false)
    {
        var a = JsonSerializer.Deserialize<Activity>(Json(name), BotJson.Options)!;
        if (freshId) a.Id = a.Id + "-" + Guid.NewGuid().ToString("N")[..8];
        return a;
    }

    public static string WorkspaceId(string conversationId) => $"msteams:{Tenant}:{conversationId}";
}

/// <summary>Test-only command: replaces the clicked card with a read-only summary of what was submitted.</summary>
internal sealed class SummaryCardCommand : IBotCommand
{
    public static readonly List<string> SeenVerbs = new();
    public IReadOnlyList<string> Aliases => ["测试摘要", "test summary"];
    public IReadOnlyList<string> Verbs => ["test.summary"];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        lock (SeenVerbs) SeenVerbs.Add(args.Field("verb") ?? "");
        var card = new AdaptiveCard().Add(
            TextBlock.Heading(ctx.T("已保存(只读)", "Saved (read-only)")),
            new FactSet()
                .Add(ctx.T("案件", "Case"), args.Field("caseName"))
                .Add(ctx.T("当事人数", "Parties"), args.Field("parties")));
        await ctx.UpdateClickedCardAsync(card);
    }
}

/// <summary>Test-only command: shows typing, then mentions two people in a text message.</summary>
internal sealed class MentionPeopleCommand : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["测试提及", "test mention"];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        await ctx.SendTypingAsync();
        await ctx.SendActivityAsync(TeamsMentions.Message(ctx.T("请于本周五前完成学法签到。", "Please sign in for law study by Friday."),
            [("29:user-a", "王小明"), ("29:user-b", "李娜 <司法所>"), ("29:user-a", "王小明")]));
    }
}
