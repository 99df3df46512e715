using ChatBot.Bot.Hosting;
using ChatBot.Storage.Conversations;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Conversation;

internal sealed class BotOptions
{
    public const string Section = "Bot";
    /// <summary>Where records are kept: "litedb" (the file <see cref="DatabasePath"/>) or "postgres" (ConnectionStrings:Postgres).</summary>
    public string Storage { get; set; } = BotStorage.LiteDb;
    /// <summary>The LiteDB file (or a LiteDB connection string).</summary>
    public string DatabasePath { get; set; } = "data/chatbot.db";
    /// <summary>Workspace that the built-in Web Chat page and other local channels act on.</summary>
    public string LocalWorkspace { get; set; } = "office";
    public string DefaultTimeZone { get; set; } = "Asia/Shanghai";
    public string DefaultLocale { get; set; } = "zh-CN";
    /// <summary>The public base URL of the bot (web forms for WeCom, Excel downloads); defaults to the request's.</summary>
    public string? PublicBaseUrl { get; set; }
    public string BotName { get; set; } = "依法行政助手";
}
